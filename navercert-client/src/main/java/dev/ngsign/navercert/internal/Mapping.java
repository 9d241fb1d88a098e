package dev.ngsign.navercert.internal;

import dev.ngsign.navercert.BarocertTransportException;
import dev.ngsign.navercert.DeviceOSType;
import dev.ngsign.navercert.EncryptionMode;
import dev.ngsign.navercert.Identity;
import dev.ngsign.navercert.MultiSign;
import dev.ngsign.navercert.Receipt;
import dev.ngsign.navercert.RequestStatus;
import dev.ngsign.navercert.Sign;
import dev.ngsign.navercert.SignState;
import dev.ngsign.navercert.Token;
import dev.ngsign.navercert.TokenType;
import dev.ngsign.navercert.VerifyResult;
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
    for (Token t : r.tokens()) {
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
        os(r.deviceOSType()),
        r.appUseYN(),
        toks);
  }

  public Wire.SignRequest toWire(Sign r) {
    return new Wire.SignRequest(
        enc(r.receiverHP()),
        enc(r.receiverName()),
        enc(r.receiverBirthday()),
        r.reqTitle(),
        enc(r.reqMessage()),
        r.callCenterNum(),
        r.expireIn(),
        enc(r.token().token()),
        r.token().tokenType().name(),
        r.returnURL(),
        os(r.deviceOSType()),
        r.appUseYN());
  }

  public Wire.IdentityRequest toWire(Identity r) {
    return new Wire.IdentityRequest(
        enc(r.receiverHP()),
        enc(r.receiverName()),
        enc(r.receiverBirthday()),
        r.callCenterNum(),
        r.expireIn(),
        r.returnURL(),
        os(r.deviceOSType()),
        r.appUseYN());
  }

  private static String os(DeviceOSType t) {
    return t == null ? null : t.name();
  }

  public static Receipt toReceipt(Wire.Receipt r) {
    if (r.receiptID() == null) {
      throw new BarocertTransportException("the request reply has no receiptID", null);
    }
    return new Receipt(r.receiptID(), r.scheme(), r.marketUrl());
  }

  public static RequestStatus toStatus(Wire.Status s) {
    try {
      List<TokenType> types = new ArrayList<>();
      if (s.tokenTypes() != null) {
        s.tokenTypes().forEach(t -> types.add(TokenType.parse(t)));
      } else if (s.tokenType() != null && !s.tokenType().isEmpty()) {
        types.add(TokenType.parse(s.tokenType()));
      }
      return new RequestStatus(
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

  /** Multi-sign replies carry multiSignedData, Sign and Identity one signedData. */
  public VerifyResult toResult(Wire.Result r) {
    SignState state;
    try {
      state = SignState.fromCode(r.state() == null ? -1 : r.state());
    } catch (IllegalArgumentException e) {
      throw new BarocertTransportException("unexpected verify reply: " + e.getMessage(), e);
    }
    List<String> signed =
        r.multiSignedData() != null
            ? r.multiSignedData()
            : r.signedData() == null ? List.of() : List.of(r.signedData());
    return new VerifyResult(
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
        signed);
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
      throw new BarocertTransportException(
          "the verify reply cannot be decrypted with this SecretKey in "
              + mode
              + " mode (the one verify of this receipt is used up)",
          null);
    }
  }
}
