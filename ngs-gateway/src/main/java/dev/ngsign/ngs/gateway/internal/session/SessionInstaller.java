package dev.ngsign.ngs.gateway.internal.session;

import io.netty.channel.ChannelPipeline;

/**
 * Adds the handlers of a bound session of one kind (deliver or report) in front of the pipeline's
 * tail.
 */
@FunctionalInterface
public interface SessionInstaller {
  void install(ChannelPipeline pipeline, GatewaySession session, String beforeName);
}
