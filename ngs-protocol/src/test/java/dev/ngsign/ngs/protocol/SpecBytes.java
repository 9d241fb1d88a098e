package dev.ngsign.ngs.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Builds packet bytes field by field from the spec's tables, independently of the codec under test:
 * each {@code nC} value is written from the front and NUL-padded (section 1.2).
 */
public final class SpecBytes {
  public static final Charset MS949 = Charset.forName("x-windows-949");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public static SpecBytes frame() {
    return new SpecBytes();
  }

  /** An ASCII value in an n-byte field. */
  public SpecBytes f(String value, int size) {
    return f(value, size, StandardCharsets.US_ASCII);
  }

  public SpecBytes f(String value, int size, Charset cs) {
    byte[] b = value.getBytes(cs);
    if (b.length > size) {
      throw new IllegalArgumentException(value + " is longer than " + size);
    }
    out.write(b, 0, b.length);
    for (int i = b.length; i < size; i++) {
      out.write(0);
    }
    return this;
  }

  public SpecBytes raw(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  /** Parses a hex dump, whitespace ignored. */
  public static byte[] hex(String dump) {
    return HexFormat.of().parseHex(dump.replaceAll("\\s+", ""));
  }

  /** Reads one of the spec's vector files from the test resources. */
  public static byte[] vector(String name) {
    try (var in = SpecBytes.class.getResourceAsStream("/vectors/" + name)) {
      return hex(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("missing test vector " + name, e);
    }
  }
}
