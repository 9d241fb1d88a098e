package dev.ngsign.spring.boot.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: turns the two annotations into context
 * customizers.
 */
class NgsignTestContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    AutoConfigureNgsGateway ngs =
        TestContextAnnotationUtils.findMergedAnnotation(testClass, AutoConfigureNgsGateway.class);
    AutoConfigureNavercertSimulator navercert =
        TestContextAnnotationUtils.findMergedAnnotation(
            testClass, AutoConfigureNavercertSimulator.class);
    if (ngs == null && navercert == null) {
      return null;
    }
    return new NgsignTestContextCustomizer(ngs, navercert);
  }
}
