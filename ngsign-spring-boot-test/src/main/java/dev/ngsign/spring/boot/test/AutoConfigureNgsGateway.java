package dev.ngsign.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts ngsign's in-process NGS gateway on a free port of 127.0.0.1 for the test's application
 * context and points the auto-configured {@code NgsClient} beans at it, as
 * {@code @AutoConfigureMockMvc} does for MVC.
 *
 * <ul>
 *   <li>{@code ngsign.ngs.cert-server} (and that of every {@code ngsign.ngs.accounts.<name>})
 *       becomes the gateway's cert port; every configured account ID gets an account on the
 *       gateway, with the configured password (or {@link #password()}, which is then also set as
 *       the password). Without any configured ID, {@code ngsign.ngs.id} is set to {@link #id()}.
 *   <li>The gateway is a bean: {@code @Autowired NgsGateway gateway} to script DELIVER_ACKs ({@code
 *       scriptDeliverAcks}), take the DELIVERs it received ({@code takeDeliver}, the last {@link
 *       #recordDelivers()} are kept), count accepted messages, kick sessions or change TPS.
 *   <li>{@code ngsign.test.gateway.host} and {@code ngsign.test.gateway.cert-port} hold its
 *       address, e.g. for {@code ngsign.agent.accounts[0].cert-port:
 *       ${ngsign.test.gateway.cert-port}} in a test profile.
 * </ul>
 *
 * The gateway lives as long as the application context (Spring's test context cache may share it
 * between test classes with the same configuration); it is closed after the clients.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureNgsGateway {

  /** The account ID set as {@code ngsign.ngs.id} when the application configures none. */
  String id() default "testid";

  /** The password of gateway accounts whose configured password is missing. */
  String password() default "test-password";

  /** The default SENDER_CODE set when the application sets none. */
  String senderCode() default "101280092";

  /** Delay from accepting a message to its REPORT, as a duration ({@code 0s}, {@code 500ms}). */
  String reportDelay() default "0s";

  /** How many received DELIVERs the gateway keeps for {@code takeDeliver}. */
  int recordDelivers() default 1000;
}
