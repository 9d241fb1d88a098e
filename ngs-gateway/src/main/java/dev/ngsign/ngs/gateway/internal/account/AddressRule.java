package dev.ngsign.ngs.gateway.internal.account;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One CIDR block ({@code 10.0.0.0/8}, {@code ::1/128}) or a single address; IPv4 and IPv6. */
public final class AddressRule {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private AddressRule(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** Parses a CIDR block; only literal addresses (no host names, so no DNS lookups). */
  public static AddressRule parse(String cidr) {
    String s = cidr.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    if (addr.isEmpty()
        || !addr.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      throw new IllegalArgumentException("not an IP address or CIDR block: '" + cidr + "'");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress(); // a literal: parsed, not resolved
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address or CIDR block: '" + cidr + "'", e);
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in '" + cidr + "'", e);
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length in '" + cidr + "' is outside 0.." + bits);
      }
    }
    return new AddressRule(bytes, prefix, s);
  }

  /** True when {@code address} lies in this block (an IPv4-mapped IPv6 address counts as IPv4). */
  public boolean matches(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
      byte[] v4 = new byte[4];
      System.arraycopy(a, 12, v4, 0, 4);
      a = v4;
    }
    if (a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (network[full] & mask);
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }

  @Override
  public String toString() {
    return text;
  }
}
