package dev.ngsign.spring.boot;

import dev.ngsign.ngs.client.NgsClientBuilder;

/**
 * Adjusts the builder of an auto-configured {@code NgsClient} after the {@code ngsign.ngs.*}
 * properties were applied: for settings that are code rather than configuration (a {@code
 * ReconnectStrategy}, a {@code RetryPolicy}, a shared {@code EventLoopGroup}, a report executor).
 * Every bean of this type is applied, in {@code @Order}, to every account's builder.
 */
@FunctionalInterface
public interface NgsClientBuilderCustomizer {

  /**
   * @param account the account's name: {@code default} for {@code ngsign.ngs.*}, else the {@code
   *     <name>} of {@code ngsign.ngs.accounts.<name>.*}
   * @param builder the builder, properties already applied
   */
  void customize(String account, NgsClientBuilder builder);
}
