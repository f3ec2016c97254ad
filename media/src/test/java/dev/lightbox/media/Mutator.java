package dev.lightbox.media;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Structure-agnostic mutations for the fuzz test. */
final class Mutator {
  private static final int[] INTERESTING = {0, 1, 0x7F, 0x80, 0xFF, 0xFE, 0x3F, 0x40};

  private Mutator() {
  }

  static byte[] mutate(byte[] seed, Random r, List<byte[]> others) {
    byte[] b = seed.clone();
    int rounds = 1 + r.nextInt(8);
    for (int i = 0; i < rounds && b.length > 0; i++) {
      switch (r.nextInt(7)) {
        case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[r.nextInt(b.length)] = (byte) INTERESTING[r.nextInt(INTERESTING.length)];
        case 2 -> { // a plausible length field made huge, tiny or negative
          int at = r.nextInt(Math.max(1, b.length - 4));
          int v = switch (r.nextInt(4)) {
            case 0 -> Integer.MAX_VALUE;
            case 1 -> -1;
            case 2 -> 0;
            default -> r.nextInt(1 << 20);
          };
          for (int k = 0; k < 4 && at + k < b.length; k++) {
            b[at + k] = (byte) (v >>> (24 - 8 * k));
          }
        }
        case 3 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
        case 4 -> { // splice a block from another file
          byte[] o = others.get(r.nextInt(others.size()));
          if (o.length > 0) {
            int from = r.nextInt(o.length);
            int len = Math.min(o.length - from, 1 + r.nextInt(512));
            int at = r.nextInt(b.length);
            System.arraycopy(o, from, b, at, Math.min(len, b.length - at));
          }
        }
        case 5 -> { // duplicate a block in place
          int from = r.nextInt(b.length);
          int len = Math.min(b.length - from, 1 + r.nextInt(256));
          byte[] grown = new byte[b.length + len];
          System.arraycopy(b, 0, grown, 0, from + len);
          System.arraycopy(b, from, grown, from + len, b.length - from);
          b = grown;
        }
        default -> { // random bytes
          int at = r.nextInt(b.length);
          for (int k = 0; k < 1 + r.nextInt(16) && at + k < b.length; k++) {
            b[at + k] = (byte) r.nextInt();
          }
        }
      }
    }
    return b;
  }

  static String mutateText(String s, Random r) {
    StringBuilder sb = new StringBuilder(s);
    int rounds = 1 + r.nextInt(6);
    String tokens = "{}[]\":,\n0123456789-eE.\\ ";
    for (int i = 0; i < rounds; i++) {
      int at = sb.isEmpty() ? 0 : r.nextInt(sb.length());
      switch (r.nextInt(4)) {
        case 0 -> sb.insert(at, tokens.charAt(r.nextInt(tokens.length())));
        case 1 -> {
          if (!sb.isEmpty()) {
            sb.deleteCharAt(at);
          }
        }
        case 2 -> sb.setLength(at);
        default -> sb.insert(at, r.nextBoolean() ? "99999999999999999999999" : "[\"x\", 0]");
      }
    }
    return sb.toString();
  }
}
