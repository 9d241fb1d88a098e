package dev.ngsign.spring.boot.agent;

import dev.ngsign.ngs.agent.Agent;
import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.spring.boot.HealthReport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link Agent} with the application context: started after the context is refreshed (and
 * after the NGS clients), stopped before the DataSource is closed, which releases its account
 * leases at once so that another node takes over. Its health is UP while it runs.
 */
public class NgsAgentLifecycle implements SmartLifecycle {
  private final Agent agent;
  private volatile boolean running;
  private volatile Throwable failure;

  public NgsAgentLifecycle(Agent agent) {
    this.agent = agent;
  }

  /** The running agent. */
  public Agent agent() {
    return agent;
  }

  @Override
  public void start() {
    try {
      agent.start();
      running = true;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public void stop() {
    running = false;
    agent.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return dev.ngsign.spring.boot.ngs.NgsClientsLifecycle.PHASE + 1;
  }

  /** UP while the agent runs; the accounts it holds (leases) and those it stands by for. */
  public HealthReport health() {
    AgentConfig c = agent.config();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("node", c.nodeId());
    Map<String, Long> held = agent.heldAccounts();
    Map<String, Object> accounts = new LinkedHashMap<>();
    for (AgentConfig.Account a : c.accounts()) {
      accounts.put(a.name(), held.containsKey(a.name()) ? "held" : "standby");
    }
    d.put("accounts", accounts);
    Throwable f = failure;
    if (!running) {
      d.put("reason", f != null ? "start failed: " + f.getMessage() : "not running");
    }
    return new HealthReport(running, d);
  }
}
