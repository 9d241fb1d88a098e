package dev.ngsign.navercert.internal;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.BarocertTransportException;
import dev.ngsign.navercert.DeviceOSType;
import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.MultiSignReceipt;
import dev.ngsign.navercert.MultiSignResult;
import dev.ngsign.navercert.MultiSignStatus;
import dev.ngsign.navercert.MultiSignTokens;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.TokenType;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * API types ⇄ wire DTOs: encrypts the request's personal fields, message and tokens (reqTitle and
 * callCenterNum travel in clear, as Barocert's examples send them) and decrypts the verify result.
 */
public final class Mapping {
  private final EncryptionMode mode;
  private final byte[] key;

  public Mapping(EncryptionMode mode, byte[] key) {
    this.mode = mode;
    this.key = key;
  }

  public Wire.MultiSignRequest toWire(MultiSign r) {
    List<Wire.Token> toks = new ArrayList<>(r.tokens().size());
    for (MultiSignTokens t : r.tokens()) {
      toks.add(new Wire.Token(enc(t.token()), t.tokenType().name()));
    }
    return new Wire.MultiSignRequest(
        enc(r.receiverHP()),
        enc(r.receiverName()),
        enc(r.receiverBirthday()),
        r.reqTitle(),
        enc(r.reqMessage()),
        r.callCenterNum(),
        r.expireIn(),
        r.returnURL(),
        r.deviceOSType() == null ? null : r.deviceOSType().name(),
        r.appUseYN(),
        toks);
  }

  public static MultiSignReceipt toReceipt(Wire.Receipt r) {
    return new MultiSignReceipt(r.receiptID(), r.scheme(), r.marketUrl());
  }

  public static MultiSignStatus toStatus(Wire.Status s) {
    try {
      List<TokenType> types = new ArrayList<>();
      if (s.tokenTypes() != null) {
        s.tokenTypes().forEach(t -> types.add(TokenType.parse(t)));
      }
      return new MultiSignStatus(
          s.receiptID(),
          s.clientCode(),
          SignState.fromCode(s.state() == null ? -1 : s.state()),
          s.expireIn() == null ? 0 : s.expireIn(),
          s.callCenterName(),
          s.callCenterNum(),
          s.reqTitle(),
          s.returnURL(),
          types,
          s.expireDT() == null ? null : WireTime.parseExpireDt(s.expireDT()),
          s.scheme(),
          s.deviceOSType() == null || s.deviceOSType().isEmpty()
              ? null
              : DeviceOSType.parse(s.deviceOSType()),
          Boolean.TRUE.equals(s.appUseYN()));
    } catch (RuntimeException e) {
      throw new BarocertTransportException("unexpected status reply: " + e.getMessage(), e);
    }
  }

  public MultiSignResult toResult(Wire.Result r) {
    SignState state;
    try {
      state = SignState.fromCode(r.state() == null ? -1 : r.state());
    } catch (IllegalArgumentException e) {
      throw new BarocertTransportException("unexpected verify reply: " + e.getMessage(), e);
    }
    return new MultiSignResult(
        r.receiptID(),
        state,
        dec(r.receiverName()),
        dec(r.receiverYear()),
        dec(r.receiverDay()),
        dec(r.receiverHP()),
        dec(r.receiverGender()),
        dec(r.receiverEmail()),
        dec(r.receiverForeign()),
        dec(r.ci()),
        r.multiSignedData());
  }

  private String enc(String plain) {
    return FieldCipher.encrypt(mode, key, plain);
  }

  private String dec(String cipher) {
    if (cipher == null || cipher.isEmpty()) {
      return null;
    }
    try {
      return FieldCipher.decrypt(mode, key, cipher);
    } catch (GeneralSecurityException e) {
      throw new BarocertException(
          BarocertException.LOCAL_ERROR,
          "cannot decrypt the verify result with this SecretKey in " + mode + " mode");
    }
  }
}
