package dev.lightbox.media.internal.meta;

/** The inflated bytes one file's metadata may still cost, shared by every reader of that file. */
public final class InflateBudget {
  private final long limit;
  private long used;

  public InflateBudget(long limit) {
    this.limit = limit;
  }

  public static InflateBudget perFile() {
    return new InflateBudget(MetadataLimits.FILE_INFLATED);
  }

  /** How much one item may inflate to: its own cap, or less when the file's budget is nearly spent. */
  int allowance(int perItem) {
    return allowance(perItem, 1);
  }

  /** The same, for data that will be inflated {@code passes} times (counted here, then parsed by a library). */
  int allowance(int perItem, int passes) {
    return (int) Math.max(0, Math.min(perItem, (limit - used) / passes));
  }

  void spend(long bytes) {
    used += bytes;
  }

  public long used() {
    return used;
  }

  public long limit() {
    return limit;
  }
}
