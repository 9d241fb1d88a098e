package dev.ngsign.ngs.agent.internal.console.query;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ways a site may have stored the number an operator types. Applications INSERT DEST_ADDR with
 * or without hyphens (the agent drops them before sending, docs/agent.md), so {@code 01012345678}
 * must find {@code 010-1234-5678} and the other way round. The search compares DEST_ADDR with each
 * form for equality — an index on DEST_ADDR stays usable, where {@code REPLACE(DEST_ADDR, '-', '')}
 * would not.
 */
final class RecipientForms {
  private RecipientForms() {}

  /** The digits, the Korean hyphenated forms of that many digits, and the text as typed. */
  static Set<String> of(String typed) {
    String d = RecipientMask.digits(typed);
    Set<String> out = new LinkedHashSet<>();
    out.add(d);
    int n = d.length();
    if (d.startsWith("02")) {
      // Seoul: 02-123-4567, 02-1234-5678
      if (n == 9 || n == 10) {
        out.add(d.substring(0, 2) + "-" + d.substring(2, n - 4) + "-" + d.substring(n - 4));
      }
    } else if (n == 10 || n == 11) {
      // 010-1234-5678, 011-123-4567, 031-123-4567, 070-1234-5678
      out.add(d.substring(0, 3) + "-" + d.substring(3, n - 4) + "-" + d.substring(n - 4));
    } else if (n == 8) {
      // 1588-1234
      out.add(d.substring(0, 4) + "-" + d.substring(4));
    }
    out.add(typed.trim());
    return out;
  }
}
