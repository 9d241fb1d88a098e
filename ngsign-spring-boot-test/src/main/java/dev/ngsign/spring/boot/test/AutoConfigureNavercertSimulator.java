package dev.ngsign.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts ngsign's Naver e-signature simulator on a free port of 127.0.0.1 for the test's
 * application context and points the auto-configured {@code NavercertClient} at it: {@code
 * navercert.service-url} and {@code auth-url} become the simulator's, {@code navercert.link-id}
 * keeps the application's LinkID (or {@link #linkId()}), and {@code navercert.secret-key} becomes a
 * fresh random key the simulator shares.
 *
 * <p>The simulator is a bean: {@code @Autowired NavercertServer simulator} to see pending requests
 * and sign, refuse or fail them ({@code sign(receiptId)}, {@code refuse(receiptId)}). Its client
 * codes are {@link #clientCodes()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureNavercertSimulator {

  /** The LinkID when the application sets no {@code navercert.link-id}. */
  String linkId() default "TEST_LINKID";

  /** The client codes (12 digits) the simulator accepts. */
  String[] clientCodes() default {"023040000001"};
}
