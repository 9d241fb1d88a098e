package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Checks;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A request to sign one document through the Naver app (전자서명 단건). Same rules as {@link MultiSign}
 * with exactly one token; every rule is checked when the object is created, so an invalid request
 * never reaches the network. The client encrypts receiverHP, receiverName, receiverBirthday,
 * reqMessage and the token. {@link #toString()} never shows the personal fields, message or token.
 *
 * @param receiverHP 11 digits (the builder removes hyphens and spaces)
 * @param receiverName 1 to 80 characters
 * @param receiverBirthday yyyyMMdd, a real date
 * @param reqTitle 1 to 40 characters (sent in clear)
 * @param reqMessage 1 to 500 characters
 * @param callCenterNum 1 to 12 digits and hyphens (sent in clear)
 * @param expireIn seconds, 1 to 1000 (300 recommended)
 * @param token the document
 * @param appUseYN true for app-to-app signing, false (default) for a push message
 * @param deviceOSType required when appUseYN, otherwise null
 * @param returnURL required when appUseYN (an app scheme, not http/https), otherwise null
 */
public record Sign(
    String receiverHP,
    String receiverName,
    String receiverBirthday,
    String reqTitle,
    String reqMessage,
    String callCenterNum,
    int expireIn,
    Token token,
    boolean appUseYN,
    DeviceOSType deviceOSType,
    String returnURL) {

  public Sign {
    Checks.receiver(receiverHP, receiverName, receiverBirthday);
    Checks.title(reqTitle);
    Checks.message(reqMessage);
    Checks.callCenterNum(callCenterNum);
    Checks.expireIn(expireIn);
    if (token == null) {
      throw new BarocertValidationException(
          "token (the document) is required", ErrorCodes.TOKEN_MISSING_DOC);
    }
    Checks.appToApp(appUseYN, deviceOSType, returnURL);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "Sign[reqTitle="
        + reqTitle
        + ", expireIn="
        + expireIn
        + ", token="
        + token
        + ", appUseYN="
        + appUseYN
        + ", receiver=<redacted>]";
  }

  /** Mutable builder; {@link #build()} validates everything. */
  public static final class Builder {
    private static final DateTimeFormatter YMD =
        DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private String receiverHP;
    private String receiverName;
    private String receiverBirthday;
    private String reqTitle;
    private String reqMessage;
    private String callCenterNum;
    private Integer expireIn;
    private Token token;
    private boolean appUseYN;
    private DeviceOSType deviceOSType;
    private String returnURL;

    private Builder() {}

    /** The person's mobile number, 11 digits; hyphens and spaces are removed. */
    public Builder receiverHP(String phone) {
      this.receiverHP = Checks.stripPhone(phone);
      return this;
    }

    public Builder receiverName(String name) {
      this.receiverName = name;
      return this;
    }

    /** yyyyMMdd. */
    public Builder receiverBirthday(String yyyyMMdd) {
      this.receiverBirthday = yyyyMMdd;
      return this;
    }

    public Builder receiverBirthday(LocalDate date) {
      this.receiverBirthday = date.format(YMD);
      return this;
    }

    public Builder reqTitle(String title) {
      this.reqTitle = title;
      return this;
    }

    public Builder reqMessage(String message) {
      this.reqMessage = message;
      return this;
    }

    public Builder callCenterNum(String number) {
      this.callCenterNum = number;
      return this;
    }

    /** Seconds, 1 to 1000. */
    public Builder expireIn(int seconds) {
      this.expireIn = seconds;
      return this;
    }

    public Builder expireIn(Duration duration) {
      this.expireIn =
          (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, duration.toSeconds()));
      return this;
    }

    public Builder token(Token token) {
      this.token = token;
      return this;
    }

    /** App-to-app signing: the partner app opens the Naver app, which returns to returnURL. */
    public Builder appToApp(DeviceOSType os, String returnURL) {
      this.appUseYN = true;
      this.deviceOSType = os;
      this.returnURL = returnURL;
      return this;
    }

    /**
     * @throws BarocertValidationException naming the first rule broken
     */
    public Sign build() {
      return new Sign(
          receiverHP,
          receiverName,
          receiverBirthday,
          reqTitle,
          reqMessage,
          callCenterNum,
          Checks.expireIn(expireIn),
          token,
          appUseYN,
          deviceOSType,
          returnURL);
    }
  }
}
