package dev.ngsign.spring.boot.ngs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContextException;
import org.springframework.context.SmartLifecycle;

/**
 * Starts every {@link ManagedNgsClient} with the application context and closes them with it. It
 * runs in phase {@link #PHASE}, before the web server starts taking requests and after it stopped,
 * so that a request never meets a client that is not started or already closed. Clients with
 * fail-fast log in in parallel and the first failure fails the start-up (the others are closed).
 */
public class NgsClientsLifecycle implements SmartLifecycle {
  /** Before Spring Boot's web server (which starts in {@code DEFAULT_PHASE - 1024}). */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

  private final ObjectProvider<ManagedNgsClient> clients;
  private volatile boolean running;

  public NgsClientsLifecycle(ObjectProvider<ManagedNgsClient> clients) {
    this.clients = clients;
  }

  @Override
  public void start() {
    List<ManagedNgsClient> all = clients.orderedStream().toList();
    List<CompletableFuture<Void>> logins = new ArrayList<>();
    for (ManagedNgsClient c : all) {
      logins.add(c.startWithContext());
    }
    running = true;
    for (int i = 0; i < all.size(); i++) {
      try {
        logins.get(i).join();
      } catch (CompletionException e) {
        stop();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new ApplicationContextException(
            "NGS account "
                + all.get(i).name()
                + " ("
                + all.get(i).accountId()
                + "): first login failed: "
                + cause.getMessage()
                + " (set ngsign.ngs.fail-fast=false to start the application anyway)",
            cause);
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    clients.orderedStream().forEach(c -> closing.add(c.closeAsync()));
    for (CompletableFuture<Void> f : closing) {
      try {
        f.join();
      } catch (CompletionException e) {
        // closing is best effort: a client that failed to close has nothing left to drain
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
