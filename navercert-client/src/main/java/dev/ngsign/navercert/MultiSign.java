package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Checks;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A request to sign 1 to 50 documents through the Naver app. Build with {@link #builder()}; every
 * rule of the service is checked when the object is created, so an invalid request never reaches
 * the network. Fields are plain text here: the client encrypts receiverHP, receiverName,
 * receiverBirthday, reqMessage and every token under the SecretKey when sending.
 *
 * <p>{@link #toString()} never shows the personal fields, the message or the tokens.
 *
 * @param receiverHP 11 digits (the builder removes hyphens and spaces)
 * @param receiverName at most 80 characters
 * @param receiverBirthday yyyyMMdd, a real date
 * @param reqTitle at most 40 characters (sent in clear)
 * @param reqMessage at most 500 characters
 * @param callCenterNum at most 12 characters, digits and hyphens (sent in clear)
 * @param expireIn seconds, 1 to 1000 (300 recommended)
 * @param tokens 1 to 50 documents
 * @param appUseYN true for app-to-app signing, false (default) for a push message
 * @param deviceOSType required when appUseYN, otherwise null
 * @param returnURL required when appUseYN (an app scheme, not http/https), otherwise null
 */
public record MultiSign(
    String receiverHP,
    String receiverName,
    String receiverBirthday,
    String reqTitle,
    String reqMessage,
    String callCenterNum,
    int expireIn,
    List<Token> tokens,
    boolean appUseYN,
    DeviceOSType deviceOSType,
    String returnURL) {

  private static final DateTimeFormatter YMD = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

  public MultiSign {
    Checks.phone(receiverHP);
    Checks.name(receiverName);
    Checks.birthday(receiverBirthday);
    Checks.title(reqTitle);
    Checks.message(reqMessage);
    Checks.callCenterNum(callCenterNum);
    Checks.expireIn(expireIn);
    if (tokens == null) {
      throw new BarocertValidationException(
          "at least one token (document) is required", ErrorCodes.TOKEN_MISSING_DOC);
    }
    Checks.tokenCount(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i) == null) {
        throw new BarocertValidationException(
            "token #" + (i + 1) + " is null", ErrorCodes.TOKEN_MISSING_DOC);
      }
    }
    tokens = List.copyOf(tokens);
    Checks.appToApp(appUseYN, deviceOSType, returnURL);
  }

  /** The birthday as a date. */
  public LocalDate birthday() {
    return LocalDate.parse(receiverBirthday, YMD);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "MultiSign[reqTitle="
        + reqTitle
        + ", callCenterNum="
        + callCenterNum
        + ", expireIn="
        + expireIn
        + ", tokens="
        + tokens
        + ", appUseYN="
        + appUseYN
        + ", deviceOSType="
        + deviceOSType
        + ", receiver=<redacted>]";
  }

  /** Mutable builder; {@link #build()} validates everything. */
  public static final class Builder {
    private String receiverHP;
    private String receiverName;
    private String receiverBirthday;
    private String reqTitle;
    private String reqMessage;
    private String callCenterNum;
    private Integer expireIn;
    private final List<Token> tokens = new ArrayList<>();
    private boolean appUseYN;
    private DeviceOSType deviceOSType;
    private String returnURL;

    private Builder() {}

    /** The person's phone number; hyphens and spaces are stripped. */
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

    /** Whole seconds, 1 to 1000. */
    public Builder expireIn(Duration duration) {
      long s = duration.toSeconds();
      this.expireIn = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
      return this;
    }

    public Builder addToken(Token token) {
      this.tokens.add(Objects.requireNonNull(token, "token"));
      return this;
    }

    public Builder tokens(List<Token> tokens) {
      this.tokens.clear();
      tokens.forEach(this::addToken);
      return this;
    }

    /** Push signing (the default): the person gets a message in the Naver app. */
    public Builder push() {
      this.appUseYN = false;
      this.deviceOSType = null;
      this.returnURL = null;
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
    public MultiSign build() {
      return new MultiSign(
          receiverHP,
          receiverName,
          receiverBirthday,
          reqTitle,
          reqMessage,
          callCenterNum,
          Checks.expireIn(expireIn),
          tokens,
          appUseYN,
          deviceOSType,
          returnURL);
    }
  }
}
