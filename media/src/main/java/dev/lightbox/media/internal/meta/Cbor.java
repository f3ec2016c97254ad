package dev.lightbox.media.internal.meta;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CBOR (RFC 8949) decoder for the C2PA claim: maps, arrays, strings, integers, tags and simple values.
 * Depth and counts are bounded by the input, so hostile data fails fast with {@link IllegalArgumentException}.
 */
public final class Cbor {
  private static final int MAX_DEPTH = 48;
  private static final Object BREAK = new Object();
  private final byte[] b;
  private int p;
  private final int end;

  private Cbor(byte[] b, int offset, int length) {
    this.b = b;
    this.p = offset;
    this.end = offset + length;
  }

  public static Object decode(byte[] bytes, int offset, int length) {
    return new Cbor(bytes, offset, length).item(0);
  }

  private Object item(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("CBOR nested too deeply");
    }
    int initial = u8();
    int major = initial >>> 5;
    int info = initial & 0x1F;
    if (major == 7) {
      return simple(info);
    }
    if (info == 31) {
      return indefinite(major, depth);
    }
    long arg = argument(info);
    return switch (major) {
      case 0 -> arg;
      case 1 -> -1 - arg;
      case 2 -> bytes(arg);
      case 3 -> new String(bytes(arg), StandardCharsets.UTF_8);
      case 4 -> {
        List<Object> list = new ArrayList<>();
        long n = count(arg);
        for (long i = 0; i < n; i++) {
          list.add(item(depth + 1));
        }
        yield list;
      }
      case 5 -> {
        Map<Object, Object> map = new LinkedHashMap<>();
        long n = count(arg);
        for (long i = 0; i < n; i++) {
          Object key = item(depth + 1);
          map.put(key, item(depth + 1));
        }
        yield map;
      }
      default -> item(depth + 1); // tag: the tagged value stands for itself here
    };
  }

  private Object indefinite(int major, int depth) {
    if (major == 4 || major == 5) {
      List<Object> list = new ArrayList<>();
      Map<Object, Object> map = new LinkedHashMap<>();
      while (true) {
        Object next = item(depth + 1);
        if (next == BREAK) {
          return major == 4 ? list : map;
        }
        if (major == 4) {
          list.add(next);
        } else {
          map.put(next, item(depth + 1));
        }
      }
    }
    if (major == 2 || major == 3) {
      StringBuilder text = new StringBuilder();
      java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
      while (true) {
        Object next = item(depth + 1);
        if (next == BREAK) {
          return major == 2 ? raw.toByteArray() : text.toString();
        }
        if (next instanceof byte[] chunk) {
          raw.writeBytes(chunk);
        } else if (next instanceof String chunk) {
          text.append(chunk);
        } else {
          throw new IllegalArgumentException("bad CBOR string chunk");
        }
      }
    }
    throw new IllegalArgumentException("bad CBOR indefinite length");
  }

  private Object simple(int info) {
    return switch (info) {
      case 20 -> Boolean.FALSE;
      case 21 -> Boolean.TRUE;
      case 22, 23 -> null;
      case 25 -> { skip(2); yield 0.0; }
      case 26 -> Double.valueOf(Float.intBitsToFloat((int) argument(26)));
      case 27 -> Double.longBitsToDouble(argument(27));
      case 31 -> BREAK;
      default -> {
        if (info == 24) {
          skip(1);
        }
        yield null;
      }
    };
  }

  private long argument(int info) {
    if (info < 24) {
      return info;
    }
    int n = switch (info) {
      case 24 -> 1;
      case 25 -> 2;
      case 26 -> 4;
      case 27 -> 8;
      default -> throw new IllegalArgumentException("bad CBOR length");
    };
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | u8();
    }
    return v;
  }

  private long count(long n) {
    if (n < 0 || n > end - p) {
      throw new IllegalArgumentException("CBOR count exceeds the data");
    }
    return n;
  }

  private byte[] bytes(long n) {
    count(n);
    byte[] out = java.util.Arrays.copyOfRange(b, p, p + (int) n);
    p += (int) n;
    return out;
  }

  private void skip(int n) {
    count(n);
    p += n;
  }

  private int u8() {
    if (p >= end) {
      throw new IllegalArgumentException("CBOR data ends early");
    }
    return b[p++] & 0xFF;
  }
}
