package dev.ngsign.spring.boot.test;

import dev.ngsign.ngs.gateway.NgsGateway;
import java.time.Duration;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test method, drops the DELIVERs the test gateway captured during earlier tests: the
 * context, and so the gateway, is shared between the tests of a class (and cached between classes),
 * but {@code takeDeliver} should see the current test's DELIVERs only.
 */
public class NgsGatewayTestExecutionListener extends AbstractTestExecutionListener {

  @Override
  public int getOrder() {
    return 10_000;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) throws Exception {
    if (!testContext.hasApplicationContext()) {
      return;
    }
    ApplicationContext ctx = testContext.getApplicationContext();
    if (!ctx.containsBean("ngsGateway")) {
      return;
    }
    NgsGateway gateway = ctx.getBean("ngsGateway", NgsGateway.class);
    while (gateway.takeDeliver(Duration.ZERO) != null) {
      // drained
    }
  }
}
