package dev.ngsign.navercert;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** State of a signature request, as carried on the wire ({@code state}). */
public enum SignState {
  /** 0: waiting for the person to sign. */
  WAITING(0),
  /** 1: signed; verify may be called (once, before expiry). */
  DONE(1),
  /** 2: not signed before expireDT. */
  EXPIRED(2),
  /** 3: the person refused. */
  REFUSED(3),
  /** 4: failed at the provider. */
  FAILED(4);

  private static final Map<Integer, SignState> BY_CODE =
      Arrays.stream(values())
          .collect(
              Collectors.toUnmodifiableMap(
                  SignState::code,
                  Function.identity(),
                  (a, b) -> {
                    throw new IllegalStateException("duplicate state code " + a.code);
                  }));

  private final int code;

  SignState(int code) {
    this.code = code;
  }

  /** The wire value. */
  public int code() {
    return code;
  }

  /** True for DONE, EXPIRED, REFUSED and FAILED. */
  public boolean isFinal() {
    return this != WAITING;
  }

  /**
   * @throws IllegalArgumentException for an unknown code
   */
  public static SignState fromCode(int code) {
    SignState s = BY_CODE.get(code);
    if (s == null) {
      throw new IllegalArgumentException("unknown state code " + code);
    }
    return s;
  }
}
