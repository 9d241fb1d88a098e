package dev.ngsign.ngs.protocol.crypto;

import dev.ngsign.ngs.protocol.ResultCode;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whole-body AES-256-CBC with a zero IV and PKCS#5 padding (section 5.3). The ciphertext of an
 * n-byte body is {@code (n / 16 + 1) * 16} bytes, and that is what MsgLeng says.
 *
 * <p>Holds its own {@link Cipher} instances, so one instance serves one session from one thread at
 * a time (a Netty channel's event loop): one thread may encrypt while another decrypts, but two may
 * not encrypt (or decrypt) at once.
 *
 * <p>The ciphers are initialised once: after each {@code doFinal} a JDK cipher is back in its
 * initialised state (same key, the zero IV), so every body starts from the zero IV as the spec
 * says. They run without padding and the padding is added and checked here, which spares the JDK's
 * copy of the whole body into a padded array on the way out and into an unpadded one on the way in.
 */
public final class BodyCipher {
  public static final int BLOCK = 16;
  private static final String NO_PADDING = "AES/CBC/NoPadding";

  private final SecretKeySpec key;
  private final Cipher encryptor;
  private final Cipher decryptor;

  /** The last, padded plaintext block on its way out (the encrypting thread's). */
  private final byte[] lastBlock = new byte[BLOCK];

  BodyCipher(SecretKeySpec key) {
    this.key = key;
    try {
      encryptor = Cipher.getInstance(NO_PADDING);
      decryptor = Cipher.getInstance(NO_PADDING);
      encryptor.init(Cipher.ENCRYPT_MODE, key, NgsKey.ZERO_IV);
      decryptor.init(Cipher.DECRYPT_MODE, key, NgsKey.ZERO_IV);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK without AES/CBC/NoPadding for a 256-bit key", e);
    }
  }

  /** Ciphertext length for a plain body of {@code plainLength} bytes. */
  public static int cipherLength(int plainLength) {
    return (plainLength / BLOCK + 1) * BLOCK;
  }

  /**
   * Encrypts the readable bytes of {@code plain} (consuming them) and appends the ciphertext to
   * {@code out}.
   */
  public void encrypt(ByteBuf plain, ByteBuf out) {
    int len = plain.readableBytes();
    int whole = len - len % BLOCK; // the blocks that need no padding
    int pad = BLOCK - (len - whole);
    int outLen = whole + BLOCK;
    out.ensureWritable(outLen);
    int from = plain.readerIndex();
    plain.getBytes(from + whole, lastBlock, 0, len - whole);
    Arrays.fill(lastBlock, len - whole, BLOCK, (byte) pad);
    int to = out.writerIndex();
    try {
      int n = 0;
      if (plain.hasArray() && out.hasArray()) {
        byte[] dst = out.array();
        int dstOff = out.arrayOffset() + to;
        if (whole > 0) {
          n = encryptor.update(plain.array(), plain.arrayOffset() + from, whole, dst, dstOff);
        }
        n += encryptor.doFinal(lastBlock, 0, BLOCK, dst, dstOff + n);
      } else {
        if (whole > 0) {
          n = encryptor.update(plain.nioBuffer(from, whole), out.nioBuffer(to, outLen));
        }
        n += encryptor.doFinal(ByteBuffer.wrap(lastBlock), out.nioBuffer(to + n, BLOCK));
      }
      plain.skipBytes(len);
      out.writerIndex(to + n);
    } catch (GeneralSecurityException | RuntimeException e) {
      reset(encryptor, Cipher.ENCRYPT_MODE);
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("AES encryption failed", e);
    } finally {
      Arrays.fill(lastBlock, (byte) 0);
    }
  }

  /**
   * Decrypts all readable bytes of {@code cipherText} into {@code out}.
   *
   * @throws NgsCryptoException when the length is not a positive multiple of 16 or the padding is
   *     wrong (the usual sign of a wrong password or KEYPOS)
   */
  public void decrypt(ByteBuf cipherText, ByteBuf out, String packet) {
    int len = cipherText.readableBytes();
    if (len == 0 || len % BLOCK != 0) {
      throw new NgsCryptoException(
          packet + ".MsgLeng",
          "encrypted body of " + len + " bytes is not a positive multiple of 16",
          ResultCode.E_MALFORMED_PACKET,
          null);
    }
    out.ensureWritable(len);
    int from = cipherText.readerIndex();
    int to = out.writerIndex();
    int n;
    try {
      if (cipherText.hasArray() && out.hasArray()) {
        n =
            decryptor.doFinal(
                cipherText.array(),
                cipherText.arrayOffset() + from,
                len,
                out.array(),
                out.arrayOffset() + to);
      } else {
        n = decryptor.doFinal(cipherText.nioBuffer(from, len), out.nioBuffer(to, len));
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      reset(decryptor, Cipher.DECRYPT_MODE);
      throw new NgsCryptoException(
          packet,
          "body does not decrypt with the session key (" + e.getClass().getSimpleName() + ")",
          ResultCode.E_MALFORMED_PACKET,
          null);
    }
    // PKCS#5: the last byte says how many bytes of padding there are, 1 to 16, each of that value
    int pad = out.getByte(to + n - 1) & 0xff;
    boolean padded = pad >= 1 && pad <= BLOCK;
    for (int i = 2; padded && i <= pad; i++) {
      padded = out.getByte(to + n - i) == (byte) pad;
    }
    if (!padded) {
      throw new NgsCryptoException(
          packet,
          "body does not decrypt with the session key (bad padding): wrong"
              + " password or KEYPOS?",
          ResultCode.E_MALFORMED_PACKET,
          null);
    }
    cipherText.skipBytes(len);
    out.writerIndex(to + n - pad);
  }

  /** Puts a cipher back to its initialised state after a failure left it mid-message. */
  private void reset(Cipher c, int mode) {
    try {
      c.init(mode, key, NgsKey.ZERO_IV);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES re-initialisation failed", e);
    }
  }

  @Override
  public String toString() {
    return "BodyCipher[AES-256-CBC]";
  }
}
