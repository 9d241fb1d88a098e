package dev.ngsign.cli.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the gateway's {@code carrier.log} (one line per message accepted as new: {@code <millis>
 * <account> <serial> <gwSerial> <daAddr>}) and counts SERIALs accepted twice, recipients messaged
 * twice, and per kill when each affected account's messages reached the carriers again.
 */
final class CarrierLogTally {
  long lines;
  long serialsTwice;
  long recipientsTwice;

  /** Numeric SERIALs (the agent's row IDs) seen at least once. */
  final BitSet serials = new BitSet();

  private final BitSet twice = new BitSet();
  private final BitSet recipients = new BitSet();
  private final Set<String> otherSerials = new HashSet<>();
  private final Set<String> otherRecipients = new HashSet<>();

  /**
   * A kill and the accounts it stopped; {@code resumedAt[i]} is set for accounts.get(i) by {@link
   * #read}.
   */
  static final class Kill {
    final String target;
    final long atMillis;
    final List<String> accounts;
    final long[] resumedAt;

    Kill(String target, long atMillis, List<String> accounts) {
      this.target = target;
      this.atMillis = atMillis;
      this.accounts = List.copyOf(accounts);
      this.resumedAt = new long[accounts.size()];
    }

    /**
     * Milliseconds from the kill until every affected account sent again; -1 if one never did; 0 if
     * none affected.
     */
    long recoveryMillis() {
      long max = 0;
      for (long r : resumedAt) {
        if (r == 0) {
          return -1;
        }
        max = Math.max(max, r - atMillis);
      }
      return max;
    }
  }

  static CarrierLogTally read(Path file, List<Kill> kills) throws IOException {
    CarrierLogTally t = new CarrierLogTally();
    if (!Files.exists(file)) {
      return t;
    }
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(" ");
        if (f.length < 5) {
          continue; // a line cut by a kill -9 in the middle of a write
        }
        t.lines++;
        long at = Long.parseLong(f[0]);
        t.countSerial(f[2]);
        t.countRecipient(f[4]);
        for (Kill k : kills) {
          if (at > k.atMillis) {
            for (int i = 0; i < k.accounts.size(); i++) {
              if (k.resumedAt[i] == 0 && k.accounts.get(i).equals(f[1])) {
                k.resumedAt[i] = at;
              }
            }
          }
        }
      }
    }
    return t;
  }

  private void countSerial(String serial) {
    int n = number(serial);
    boolean again = n >= 0 ? set(serials, n) : !otherSerials.add(serial);
    if (again) {
      serialsTwice++;
      if (n >= 0) {
        twice.set(n);
      }
    }
  }

  private void countRecipient(String da) {
    int n = da.startsWith("0105") ? number(da.substring(4)) : -1;
    boolean again = n >= 0 ? set(recipients, n) : !otherRecipients.add(da);
    if (again) {
      recipientsTwice++;
    }
  }

  /** Sets bit n; true when it was set already. */
  private static boolean set(BitSet b, int n) {
    if (b.get(n)) {
      return true;
    }
    b.set(n);
    return false;
  }

  private static int number(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return -1;
      }
    }
    return Integer.parseInt(s);
  }
}
