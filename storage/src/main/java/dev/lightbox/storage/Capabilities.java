package dev.lightbox.storage;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a store can do, so callers and tests ask instead of catching surprises. Build with
 * {@link #builder()}; every flag starts false.
 *
 * @param maxBatchDelete the most keys one batched delete request may carry (1 when there is no batch API)
 * @param multipartEqualParts true when all non-final parts must have the same size (Cloudflare R2)
 * @param atomicMetadata true when content type, metadata and SHA-256 are stored atomically with the bytes
 */
public record Capabilities(
    boolean ranges,
    boolean multipart,
    boolean presign,
    boolean serverSideCopy,
    boolean atomicMove,
    boolean atomicMetadata,
    boolean conditionalWrites,
    boolean objectLock,
    boolean tagging,
    boolean checksumSha256Header,
    Set<SseMode> sseModes,
    int maxBatchDelete,
    boolean multipartEqualParts) {

  public Capabilities {
    sseModes = sseModes.isEmpty() ? Set.of() : Set.copyOf(sseModes);
    if (maxBatchDelete < 1) {
      throw new IllegalArgumentException("maxBatchDelete must be at least 1");
    }
  }

  public boolean supports(SseMode mode) {
    return sseModes.contains(mode);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.ranges = ranges;
    b.multipart = multipart;
    b.presign = presign;
    b.serverSideCopy = serverSideCopy;
    b.atomicMove = atomicMove;
    b.atomicMetadata = atomicMetadata;
    b.conditionalWrites = conditionalWrites;
    b.objectLock = objectLock;
    b.tagging = tagging;
    b.checksumSha256Header = checksumSha256Header;
    b.sseModes = sseModes.isEmpty() ? EnumSet.noneOf(SseMode.class) : EnumSet.copyOf(sseModes);
    b.maxBatchDelete = maxBatchDelete;
    b.multipartEqualParts = multipartEqualParts;
    return b;
  }

  public static final class Builder {
    private boolean ranges;
    private boolean multipart;
    private boolean presign;
    private boolean serverSideCopy;
    private boolean atomicMove;
    private boolean atomicMetadata;
    private boolean conditionalWrites;
    private boolean objectLock;
    private boolean tagging;
    private boolean checksumSha256Header;
    private EnumSet<SseMode> sseModes = EnumSet.noneOf(SseMode.class);
    private int maxBatchDelete = 1;
    private boolean multipartEqualParts;

    public Builder ranges(boolean v) { ranges = v; return this; }
    public Builder multipart(boolean v) { multipart = v; return this; }
    public Builder presign(boolean v) { presign = v; return this; }
    public Builder serverSideCopy(boolean v) { serverSideCopy = v; return this; }
    public Builder atomicMove(boolean v) { atomicMove = v; return this; }
    public Builder atomicMetadata(boolean v) { atomicMetadata = v; return this; }
    public Builder conditionalWrites(boolean v) { conditionalWrites = v; return this; }
    public Builder objectLock(boolean v) { objectLock = v; return this; }
    public Builder tagging(boolean v) { tagging = v; return this; }
    public Builder checksumSha256Header(boolean v) { checksumSha256Header = v; return this; }
    public Builder sseModes(Set<SseMode> v) { sseModes = v.isEmpty() ? EnumSet.noneOf(SseMode.class) : EnumSet.copyOf(v); return this; }
    public Builder maxBatchDelete(int v) { maxBatchDelete = v; return this; }
    public Builder multipartEqualParts(boolean v) { multipartEqualParts = v; return this; }

    public Capabilities build() {
      return new Capabilities(ranges, multipart, presign, serverSideCopy, atomicMove, atomicMetadata,
          conditionalWrites, objectLock, tagging, checksumSha256Header, sseModes, maxBatchDelete,
          multipartEqualParts);
    }
  }
}
