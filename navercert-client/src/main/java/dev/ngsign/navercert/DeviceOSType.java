package dev.ngsign.navercert;

import java.util.Locale;

/** Operating system of the person's phone, required for app-to-app signing. */
public enum DeviceOSType {
  ANDROID,
  IOS;

  /**
   * Parses a wire or command-line value, case-insensitively.
   *
   * @throws BarocertValidationException for an unknown value
   */
  public static DeviceOSType parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new BarocertValidationException(
          "unknown deviceOSType '" + value + "' (expected ANDROID or IOS)",
          ErrorCodes.DEVICE_OS_INVALID);
    }
  }
}
