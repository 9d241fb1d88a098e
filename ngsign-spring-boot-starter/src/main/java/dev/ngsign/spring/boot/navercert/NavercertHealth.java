package dev.ngsign.spring.boot.navercert;

import dev.ngsign.navercert.BarocertServiceException;
import dev.ngsign.navercert.NavercertClient;
import dev.ngsign.spring.boot.HealthReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the auth service issues the LinkID a session token ({@link NavercertClient#checkAuth()}):
 * the cached token while it is valid, so most checks send nothing. DOWN with Barocert's code and
 * message for a refused LinkID or SecretKey, or with the transport failure.
 */
public final class NavercertHealth {
  private final NavercertClient client;
  private final Duration timeout;

  public NavercertHealth(NavercertClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  public HealthReport check() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("linkId", client.linkId());
    d.put("serviceUrl", client.serviceUrl().toString());
    d.put("authUrl", client.authUrl().toString());
    try {
      client.checkAuth().future().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new HealthReport(true, d);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BarocertServiceException be) {
        d.put("code", be.code());
      }
      d.put("reason", String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
    } catch (TimeoutException e) {
      d.put("reason", "no answer from the auth service within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      d.put("reason", "interrupted");
    }
    return new HealthReport(false, d);
  }
}
