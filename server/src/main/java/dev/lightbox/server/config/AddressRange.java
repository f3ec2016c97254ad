package dev.lightbox.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}), as LIGHTBOX_TRUSTED_PROXIES lists them. */
public record AddressRange(byte[] network, int prefixBits) {

  public AddressRange {
    network = network.clone();
  }

  /** Parses {@code 192.168.1.10}, {@code 10.0.0.0/8} or {@code ::1}; no host names (they would need DNS). */
  public static AddressRange parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("'" + s + "' is not an IP address or CIDR block");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + s + "' is not an IP address or CIDR block");
    }
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > bytes.length * 8) {
        throw new IllegalArgumentException("'" + s + "' has a prefix length outside 0.." + bytes.length * 8);
      }
    }
    return new AddressRange(bytes, bits);
  }

  public boolean contains(InetAddress candidate) {
    byte[] c = candidate.getAddress();
    if (c.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (c[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (c[full] & mask) == (network[full] & mask);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressRange r && r.prefixBits == prefixBits && Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixBits;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixBits;
    } catch (UnknownHostException e) {
      return "?/" + prefixBits;
    }
  }
}
