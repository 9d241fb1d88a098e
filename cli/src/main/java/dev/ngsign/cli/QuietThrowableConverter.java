package dev.ngsign.cli;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * {@code %quietEx} in the CLI's log pattern: a logged exception as one line (its innermost cause)
 * unless {@code --verbose}, when the full stack trace follows as usual. A person reading the
 * terminal gets the reason without 40 lines of frames.
 */
public final class QuietThrowableConverter extends ThrowableHandlingConverter {
  private final ThrowableProxyConverter full = new ThrowableProxyConverter();

  @Override
  public void start() {
    full.setContext(getContext());
    full.start();
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy tp = event.getThrowableProxy();
    if (tp == null) {
      return CoreConstants.EMPTY_STRING;
    }
    if (ErrorReport.verbose()) {
      return full.convert(event);
    }
    while (tp.getCause() != null) {
      tp = tp.getCause();
    }
    String cls = tp.getClassName().substring(tp.getClassName().lastIndexOf('.') + 1);
    return "    caused by "
        + cls
        + ": "
        + (tp.getMessage() == null ? "" : tp.getMessage().replaceAll("\\s*\\R\\s*", " "))
        + " (--verbose shows the stack trace)"
        + CoreConstants.LINE_SEPARATOR;
  }
}
