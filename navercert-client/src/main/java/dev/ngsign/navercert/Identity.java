package dev.ngsign.navercert;

import dev.ngsign.navercert.internal.Checks;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A request to confirm a person's identity through the Naver app (본인인증): no document; the person
 * signs in the app and verify returns who they are. Rules as for {@link MultiSign}, checked when
 * the object is created. {@link #toString()} never shows the personal fields.
 *
 * @param receiverHP 11 digits (the builder removes hyphens and spaces)
 * @param receiverName 1 to 80 characters
 * @param receiverBirthday yyyyMMdd, a real date
 * @param callCenterNum 1 to 12 digits and hyphens (sent in clear)
 * @param expireIn seconds, 1 to 1000 (300 recommended)
 * @param appUseYN true for app-to-app, false (default) for a push message
 * @param deviceOSType required when appUseYN, otherwise null
 * @param returnURL required when appUseYN (an app scheme, not http/https), otherwise null
 */
public record Identity(
    String receiverHP,
    String receiverName,
    String receiverBirthday,
    String callCenterNum,
    int expireIn,
    boolean appUseYN,
    DeviceOSType deviceOSType,
    String returnURL) {

  public Identity {
    Checks.receiver(receiverHP, receiverName, receiverBirthday);
    Checks.callCenterNum(callCenterNum);
    Checks.expireIn(expireIn);
    Checks.appToApp(appUseYN, deviceOSType, returnURL);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "Identity[expireIn=" + expireIn + ", appUseYN=" + appUseYN + ", receiver=<redacted>]";
  }

  /** Mutable builder; {@link #build()} validates everything. */
  public static final class Builder {
    private static final DateTimeFormatter YMD =
        DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private String receiverHP;
    private String receiverName;
    private String receiverBirthday;
    private String callCenterNum;
    private Integer expireIn;
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

    /** App-to-app: the partner app opens the Naver app, which returns to returnURL. */
    public Builder appToApp(DeviceOSType os, String returnURL) {
      this.appUseYN = true;
      this.deviceOSType = os;
      this.returnURL = returnURL;
      return this;
    }

    /**
     * @throws BarocertValidationException naming the first rule broken
     */
    public Identity build() {
      return new Identity(
          receiverHP,
          receiverName,
          receiverBirthday,
          callCenterNum,
          Checks.expireIn(expireIn),
          appUseYN,
          deviceOSType,
          returnURL);
    }
  }
}
