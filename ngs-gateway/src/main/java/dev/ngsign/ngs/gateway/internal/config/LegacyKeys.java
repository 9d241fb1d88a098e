package dev.ngsign.ngs.gateway.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The camelCase keys gateway files were written with before every ngsign file used kebab-case. They
 * are still read, renamed to their kebab-case form before binding, and reported so that the caller
 * can warn: existing files keep working. Only these exact names are renamed; any other key is left
 * as written, so a typo is still refused under the name the user wrote.
 */
final class LegacyKeys {
  static final Map<String, String> RENAMED =
      Map.ofEntries(
          Map.entry("advertisedHost", "advertised-host"),
          Map.entry("certPort", "cert-port"),
          Map.entry("deliverPort", "deliver-port"),
          Map.entry("reportPort", "report-port"),
          Map.entry("adminPort", "admin-port"),
          Map.entry("adminHost", "admin-host"),
          Map.entry("dataDir", "data-dir"),
          Map.entry("reportDelay", "report-delay"),
          Map.entry("dedupWindow", "dedup-window"),
          Map.entry("ioThreads", "io-threads"),
          Map.entry("storeCacheMb", "store-cache-mb"),
          Map.entry("storeWriteBufferMb", "store-write-buffer-mb"),
          Map.entry("carrierLog", "carrier-log"),
          Map.entry("certInterval", "cert-interval"),
          Map.entry("bindWindow", "bind-window"),
          Map.entry("pollInterval", "poll-interval"),
          Map.entry("randomFailureRate", "random-failure-rate"),
          Map.entry("allowedAddresses", "allowed-addresses"),
          Map.entry("monthlyQuota", "monthly-quota"),
          Map.entry("encryptionAllowed", "encryption-allowed"),
          Map.entry("encryptionRequired", "encryption-required"));

  private LegacyKeys() {}

  /**
   * Renames every legacy key in the tree, in place; returns the legacy names found, in file order.
   *
   * @throws IllegalArgumentException when one mapping has a key in both spellings
   */
  static Set<String> rename(JsonNode node, String at) {
    Set<String> found = new LinkedHashSet<>();
    rename(node, at, found);
    return found;
  }

  private static void rename(JsonNode node, String at, Set<String> found) {
    if (node instanceof ObjectNode obj) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      ObjectNode renamed = obj.objectNode();
      for (String k : keys) {
        String kebab = RENAMED.get(k);
        if (kebab != null && obj.has(kebab)) {
          throw new IllegalArgumentException(
              "config: "
                  + at
                  + k
                  + " and "
                  + at
                  + kebab
                  + " are the same setting; keep only '"
                  + kebab
                  + "'");
        }
        if (kebab != null) {
          found.add(k);
        }
        renamed.set(kebab != null ? kebab : k, obj.get(k));
      }
      obj.removeAll();
      obj.setAll(renamed);
      obj.fields().forEachRemaining(e -> rename(e.getValue(), at + e.getKey() + ".", found));
    } else if (node != null && node.isArray()) {
      int i = 0;
      for (JsonNode n : node) {
        rename(n, at.substring(0, Math.max(0, at.length() - 1)) + "[" + i++ + "].", found);
      }
    }
  }
}
