package dev.lightbox.media.internal.imageio;

import java.util.PriorityQueue;

/**
 * A length-limited canonical prefix code for VP8L: lengths from symbol counts, codes assigned like DEFLATE,
 * written bit-reversed. A code with a single used symbol takes zero bits, as libwebp reads it.
 */
final class HuffmanCode {
  final int[] lengths;
  private final int[] codes;
  private final int used;

  HuffmanCode(int[] counts, int maxLength) {
    this.lengths = lengthsOf(counts.clone(), maxLength);
    this.codes = new int[lengths.length];
    int n = 0;
    for (int l : lengths) {
      n += l > 0 ? 1 : 0;
    }
    this.used = n;
    int[] perLength = new int[maxLength + 1];
    for (int l : lengths) {
      if (l > 0) {
        perLength[l]++;
      }
    }
    int[] next = new int[maxLength + 2];
    int code = 0;
    for (int len = 1; len <= maxLength; len++) {
      code = (code + perLength[len - 1]) << 1;
      next[len] = code;
    }
    for (int s = 0; s < lengths.length; s++) {
      if (lengths[s] > 0) {
        codes[s] = Integer.reverse(next[lengths[s]]++) >>> (32 - lengths[s]);
      }
    }
  }

  int usedSymbols() {
    return used;
  }

  /** The single used symbol, or -1. */
  int onlySymbol() {
    if (used != 1) {
      return -1;
    }
    for (int s = 0; s < lengths.length; s++) {
      if (lengths[s] > 0) {
        return s;
      }
    }
    return -1;
  }

  void write(BitWriter w, int symbol) {
    if (used > 1) {
      w.bits(codes[symbol], lengths[symbol]);
    }
  }

  private static int[] lengthsOf(int[] counts, int maxLength) {
    int n = counts.length;
    while (true) {
      int[] depth = new int[n];
      PriorityQueue<long[]> q = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
          : Long.compare(a[1], b[1]));
      int[] parent = new int[2 * n];
      int next = n;
      for (int s = 0; s < n; s++) {
        if (counts[s] > 0) {
          q.add(new long[] {counts[s], s});
        }
      }
      if (q.size() <= 1) {
        if (!q.isEmpty()) {
          depth[(int) q.peek()[1]] = 1;
        }
        return depth;
      }
      while (q.size() > 1) {
        long[] a = q.poll();
        long[] b = q.poll();
        parent[(int) a[1]] = next;
        parent[(int) b[1]] = next;
        q.add(new long[] {a[0] + b[0], next++});
      }
      int root = next - 1;
      int max = 0;
      for (int s = 0; s < n; s++) {
        if (counts[s] > 0) {
          int d = 0;
          for (int x = s; x != root; x = parent[x]) {
            d++;
          }
          depth[s] = d;
          max = Math.max(max, d);
        }
      }
      if (max <= maxLength) {
        return depth;
      }
      for (int s = 0; s < n; s++) {
        if (counts[s] > 0) {
          counts[s] = (counts[s] >> 1) | 1; // flatten and retry until the tree is shallow enough
        }
      }
    }
  }
}
