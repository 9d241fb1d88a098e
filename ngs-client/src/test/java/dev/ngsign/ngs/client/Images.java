package dev.ngsign.ngs.client;

import java.util.Arrays;

/** Tiny byte arrays that start like JPEG / PNG files (the content rules check the signature). */
final class Images {
  private Images() {}

  static byte[] jpeg(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 0x11);
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[3] = (byte) 0xE0;
    b[size - 2] = (byte) 0xFF;
    b[size - 1] = (byte) 0xD9;
    return b;
  }

  static byte[] png(int size) {
    byte[] b = new byte[size];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    System.arraycopy(sig, 0, b, 0, sig.length);
    return b;
  }

  static byte[] gif() {
    return new byte[] {'G', 'I', 'F', '8', '9', 'a', 0, 0};
  }
}
