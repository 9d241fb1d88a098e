package dev.ngsign.navercert.internal;

import dev.ngsign.navercert.BarocertException;
import dev.ngsign.navercert.BarocertTransportException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns whatever a future failed with into the SDK's sealed exception tree. */
public final class Failures {
  private Failures() {}

  /** The SDK's exception behind a future's wrapping; anything else is a transport failure. */
  public static BarocertException unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof BarocertException be) {
      return be;
    }
    if (t instanceof CancellationException) {
      return new BarocertTransportException("cancelled before the reply arrived", t);
    }
    return new BarocertTransportException(t.toString(), t);
  }
}
