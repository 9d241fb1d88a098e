package dev.ngsign.spring.boot.ngs;

import dev.ngsign.ngs.client.NgsClient;
import java.util.Arrays;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link ManagedNgsClient} bean per configured account: {@code ngsClient} for {@code
 * ngsign.ngs.*} (when {@code ngsign.ngs.id} is set; primary when there are more accounts) and
 * {@code <name>NgsClient}, qualified {@code <name>}, per {@code ngsign.ngs.accounts.<name>}. Like
 * {@code @ConditionalOnMissingBean}, it registers nothing when the application defines an {@link
 * NgsClient} bean of its own.
 */
class NgsClientRegistrar
    implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {
  private Environment environment;
  private BeanFactory beanFactory;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    if (registry instanceof ListableBeanFactory lbf
        && Arrays.stream(lbf.getBeanNamesForType(NgsClient.class, true, false))
            .anyMatch(n -> !(registry.getBeanDefinition(n) instanceof ManagedClientDefinition))) {
      return; // the application's own NgsClient bean wins
    }
    NgsProperties props =
        Binder.get(environment)
            .bind(NgsProperties.PREFIX, NgsProperties.class)
            .orElseGet(NgsProperties::new);
    boolean hasDefault = props.getId() != null && !props.getId().isBlank();
    if (hasDefault) {
      register(
          registry, "ngsClient", NgsClientFactory.DEFAULT_ACCOUNT, !props.getAccounts().isEmpty());
    }
    for (String name : props.getAccounts().keySet()) {
      register(registry, name + "NgsClient", name, false);
    }
  }

  private void register(
      BeanDefinitionRegistry registry, String beanName, String account, boolean primary) {
    if (registry.containsBeanDefinition(beanName)) {
      return;
    }
    BeanFactory bf = beanFactory;
    ManagedClientDefinition def =
        new ManagedClientDefinition(() -> bf.getBean(NgsClientFactory.class).create(account));
    def.addQualifier(new AutowireCandidateQualifier(Qualifier.class, account));
    def.setPrimary(primary);
    def.setDestroyMethodName("close");
    registry.registerBeanDefinition(beanName, def);
  }

  /** Marks our own definitions, so that a second pass does not take them for the application's. */
  static final class ManagedClientDefinition extends RootBeanDefinition {
    ManagedClientDefinition(java.util.function.Supplier<ManagedNgsClient> supplier) {
      super(ManagedNgsClient.class, supplier);
    }

    ManagedClientDefinition(ManagedClientDefinition original) {
      super(original);
    }

    @Override
    public RootBeanDefinition cloneBeanDefinition() {
      return new ManagedClientDefinition(this);
    }
  }
}
