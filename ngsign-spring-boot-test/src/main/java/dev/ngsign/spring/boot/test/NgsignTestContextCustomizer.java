package dev.ngsign.spring.boot.test;

import dev.ngsign.navercert.server.NavercertServer;
import dev.ngsign.ngs.gateway.Account;
import dev.ngsign.ngs.gateway.GatewayPorts;
import dev.ngsign.ngs.gateway.NgsGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the gateway and/or the simulator before the context refreshes, puts their addresses first
 * among the property sources, and registers them as beans that are closed with the context. Equal
 * annotations give equal customizers, so Spring's context cache can reuse the context.
 */
final class NgsignTestContextCustomizer implements ContextCustomizer {
  static final String PROPERTY_SOURCE = "ngsignTest";

  private final AutoConfigureNgsGateway ngs;
  private final AutoConfigureNavercertSimulator navercert;

  NgsignTestContextCustomizer(
      AutoConfigureNgsGateway ngs, AutoConfigureNavercertSimulator navercert) {
    this.ngs = ngs;
    this.navercert = navercert;
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration config) {
    ConfigurableEnvironment env = context.getEnvironment();
    Map<String, Object> props = new LinkedHashMap<>();
    BeanDefinitionRegistry registry = (BeanDefinitionRegistry) context;
    if (ngs != null) {
      NgsGateway gateway = startGateway(env, props);
      register(registry, "ngsGateway", NgsGateway.class, gateway);
    }
    if (navercert != null) {
      NavercertServer simulator = startSimulator(env, props);
      register(registry, "navercertSimulator", NavercertServer.class, simulator);
    }
    env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, props));
  }

  private NgsGateway startGateway(ConfigurableEnvironment env, Map<String, Object> props) {
    Binder binder = Binder.get(env);
    NgsGateway.Builder b =
        NgsGateway.builder()
            .certInterval(Duration.ofMillis(100))
            .reportDelay(DurationStyle.detectAndParse(ngs.reportDelay()))
            .ioThreads(1)
            .recordDelivers(ngs.recordDelivers());
    List<String> prefixes = new ArrayList<>();
    prefixes.add("ngsign.ngs");
    binder
        .bind("ngsign.ngs.accounts", Bindable.mapOf(String.class, Object.class))
        .ifBound(m -> m.keySet().forEach(name -> prefixes.add("ngsign.ngs.accounts." + name)));
    boolean anyId = false;
    List<String> ids = new ArrayList<>();
    for (String prefix : prefixes) {
      String id = binder.bind(prefix + ".id", String.class).orElse(null);
      if (id == null || id.isBlank()) {
        continue;
      }
      anyId = true;
      String password = binder.bind(prefix + ".password", String.class).orElse(null);
      if (password == null || password.isBlank()) {
        password = ngs.password();
        props.put(prefix + ".password", password);
      }
      if (!ids.contains(id)) {
        ids.add(id);
        b.account(dev.ngsign.ngs.gateway.Account.builder(id, password).build());
      }
    }
    if (!anyId) {
      props.put("ngsign.ngs.id", ngs.id());
      props.put("ngsign.ngs.password", ngs.password());
      b.account(Account.builder(ngs.id(), ngs.password()).build());
    }
    // the agent's accounts (a list: cannot be overridden element by element) get gateway accounts
    // too
    for (int i = 0; ; i++) {
      String id = binder.bind("ngsign.agent.accounts[" + i + "].id", String.class).orElse(null);
      if (id == null) {
        break;
      }
      String password =
          binder
              .bind("ngsign.agent.accounts[" + i + "].password", String.class)
              .orElse(ngs.password());
      if (!ids.contains(id)) {
        ids.add(id);
        b.account(Account.builder(id, password).build());
      }
    }
    if (binder.bind("ngsign.ngs.sender-code", String.class).orElse("").isBlank()) {
      props.put("ngsign.ngs.sender-code", ngs.senderCode());
    }
    NgsGateway gateway = b.build();
    GatewayPorts ports = gateway.start();
    String certServer = ports.host() + ":" + ports.certPort();
    prefixes.forEach(p -> props.put(p + ".cert-server", certServer));
    props.put("ngsign.test.gateway.host", ports.host());
    props.put("ngsign.test.gateway.cert-port", ports.certPort());
    return gateway;
  }

  private NavercertServer startSimulator(ConfigurableEnvironment env, Map<String, Object> props) {
    String linkId =
        Binder.get(env).bind("navercert.link-id", String.class).orElse(navercert.linkId());
    dev.ngsign.navercert.server.Account generated = dev.ngsign.navercert.server.Account.generate();
    dev.ngsign.navercert.server.Account account =
        new dev.ngsign.navercert.server.Account(
            linkId, generated.secretKey(), List.of(navercert.clientCodes()));
    NavercertServer server = NavercertServer.builder().account(account).threads(4).start();
    props.put("navercert.link-id", linkId);
    props.put("navercert.secret-key", account.secretKey());
    props.put("navercert.service-url", server.baseUrl());
    props.put("navercert.auth-url", server.baseUrl());
    props.put("navercert.use-static-ip", "false");
    return server;
  }

  private static <T extends AutoCloseable> void register(
      BeanDefinitionRegistry registry, String name, Class<T> type, T instance) {
    RootBeanDefinition def = new RootBeanDefinition(type, () -> instance);
    def.setDestroyMethodName("close");
    registry.registerBeanDefinition(name, def);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NgsignTestContextCustomizer c
        && Objects.equals(ngs, c.ngs)
        && Objects.equals(navercert, c.navercert);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ngs, navercert);
  }
}
