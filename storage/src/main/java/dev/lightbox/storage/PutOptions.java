package dev.lightbox.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to store one object. Built with {@link #builder()}; {@link #DEFAULTS} stores with no content type,
 * no metadata and no progress listener.
 *
 * @param expectedSha256 when set, the put fails with {@code INTEGRITY} (and stores nothing) unless the
 *     streamed content hashes to this lowercase hex value
 * @param verifiedByCaller the caller reads the object back and checks its SHA-256 before anything relies on
 *     it (as a migration does), so the store may leave out its own check of the body in transit: on S3 the
 *     body goes as an unsigned payload instead of under a signed SHA-256 that the server must recompute.
 *     The put still hashes what it sends and still honours {@code expectedSha256}.
 */
public record PutOptions(
    String contentType,
    String cacheControl,
    String contentDisposition,
    Map<String, String> userMetadata,
    TransferProgress progress,
    ObjectLock objectLock,
    String expectedSha256,
    boolean verifiedByCaller) {

  public static final PutOptions DEFAULTS = builder().build();

  public PutOptions {
    userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    progress = progress == null ? TransferProgress.NONE : progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.contentType = contentType;
    b.cacheControl = cacheControl;
    b.contentDisposition = contentDisposition;
    b.userMetadata.putAll(userMetadata);
    b.progress = progress;
    b.objectLock = objectLock;
    b.expectedSha256 = expectedSha256;
    b.verifiedByCaller = verifiedByCaller;
    return b;
  }

  public static final class Builder {
    private String contentType;
    private String cacheControl;
    private String contentDisposition;
    private final Map<String, String> userMetadata = new LinkedHashMap<>();
    private TransferProgress progress;
    private ObjectLock objectLock;
    private String expectedSha256;
    private boolean verifiedByCaller;

    private Builder() {
    }

    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    public Builder cacheControl(String cacheControl) {
      this.cacheControl = cacheControl;
      return this;
    }

    public Builder contentDisposition(String contentDisposition) {
      this.contentDisposition = contentDisposition;
      return this;
    }

    /**
     * Adds user metadata. Names are lowercase ASCII letters, digits, {@code -} and {@code _}; values may be
     * any Unicode text (backends encode non-ASCII safely and decode it transparently).
     */
    public Builder metadata(String name, String value) {
      Objects.requireNonNull(value, "value");
      String problem = UserMetadata.nameProblem(name);
      if (problem != null) {
        throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "put options", null, null, problem);
      }
      userMetadata.put(name, value);
      return this;
    }

    public Builder metadata(Map<String, String> entries) {
      entries.forEach(this::metadata);
      return this;
    }

    public Builder progress(TransferProgress progress) {
      this.progress = progress;
      return this;
    }

    public Builder objectLock(ObjectLock objectLock) {
      this.objectLock = objectLock;
      return this;
    }

    public Builder expectedSha256(String hex) {
      if (hex != null && !hex.matches("[0-9a-f]{64}")) {
        throw StorageException.of(StorageException.Kind.INVALID_ARGUMENT, "put options", null, null,
            "expected SHA-256 must be 64 lowercase hex characters");
      }
      this.expectedSha256 = hex;
      return this;
    }

    /** See {@link PutOptions#verifiedByCaller()}: only for a caller that really reads back and checks. */
    public Builder verifiedByCaller(boolean verifiedByCaller) {
      this.verifiedByCaller = verifiedByCaller;
      return this;
    }

    public PutOptions build() {
      UserMetadata.checkSize(userMetadata, "put options", null, null);
      return new PutOptions(contentType, cacheControl, contentDisposition, userMetadata, progress, objectLock,
          expectedSha256, verifiedByCaller);
    }
  }
}
