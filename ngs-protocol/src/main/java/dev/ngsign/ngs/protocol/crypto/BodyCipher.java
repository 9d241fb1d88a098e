package dev.ngsign.ngs.protocol.crypto;

import dev.ngsign.ngs.protocol.ResultCode;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whole-body AES-256-CBC with a zero IV and PKCS#5 padding (section 5.3). The ciphertext of an n-byte body
 * is {@code (n / 16 + 1) * 16} bytes, and that is what MsgLeng says.
 *
 * <p>Holds its own {@link Cipher} instances, so one instance serves one session from one thread at a time
 * (a Netty channel's event loop).
 */
public final class BodyCipher {
  public static final int BLOCK = 16;

  private final SecretKeySpec key;
  private final Cipher encryptor;
  private final Cipher decryptor;

  BodyCipher(SecretKeySpec key) {
    this.key = key;
    try {
      encryptor = Cipher.getInstance(NgsKey.TRANSFORMATION);
      decryptor = Cipher.getInstance(NgsKey.TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK without AES/CBC/PKCS5Padding", e);
    }
  }

  /** Ciphertext length for a plain body of {@code plainLength} bytes. */
  public static int cipherLength(int plainLength) {
    return (plainLength / BLOCK + 1) * BLOCK;
  }

  /** Encrypts the readable bytes of {@code plain} (consuming them) and appends the ciphertext to {@code out}. */
  public void encrypt(ByteBuf plain, ByteBuf out) {
    int len = plain.readableBytes();
    int outLen = cipherLength(len);
    out.ensureWritable(outLen);
    ByteBuffer src = plain.nioBuffer(plain.readerIndex(), len);
    ByteBuffer dst = out.nioBuffer(out.writerIndex(), outLen);
    try {
      encryptor.init(Cipher.ENCRYPT_MODE, key, NgsKey.ZERO_IV);
      int n = encryptor.doFinal(src, dst);
      plain.skipBytes(len);
      out.writerIndex(out.writerIndex() + n);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES encryption failed", e);
    }
  }

  /**
   * Decrypts all readable bytes of {@code cipherText} into {@code out}.
   *
   * @throws NgsCryptoException when the length is not a positive multiple of 16 or the padding is wrong
   *     (the usual sign of a wrong password or KEYPOS)
   */
  public void decrypt(ByteBuf cipherText, ByteBuf out, String packet) {
    int len = cipherText.readableBytes();
    if (len == 0 || len % BLOCK != 0) {
      throw new NgsCryptoException(packet + ".MsgLeng", "encrypted body of " + len
          + " bytes is not a positive multiple of 16", ResultCode.E_MALFORMED_PACKET, null);
    }
    out.ensureWritable(len);
    ByteBuffer src = cipherText.nioBuffer(cipherText.readerIndex(), len);
    ByteBuffer dst = out.nioBuffer(out.writerIndex(), len);
    try {
      decryptor.init(Cipher.DECRYPT_MODE, key, NgsKey.ZERO_IV);
      int n = decryptor.doFinal(src, dst);
      cipherText.skipBytes(len);
      out.writerIndex(out.writerIndex() + n);
    } catch (GeneralSecurityException e) {
      throw new NgsCryptoException(packet, "body does not decrypt with the session key ("
          + e.getClass().getSimpleName() + "): wrong password or KEYPOS?", ResultCode.E_MALFORMED_PACKET, null);
    }
  }

  @Override
  public String toString() {
    return "BodyCipher[AES-256-CBC]";
  }
}
