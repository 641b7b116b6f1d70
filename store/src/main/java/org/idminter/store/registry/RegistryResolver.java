package org.idminter.store.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.IdMapping;
import org.idminter.core.id.Qid;
import org.idminter.core.id.QidPrefixes;
import org.idminter.store.jdbc.Database;
import org.idminter.store.registry.RegistryTable.Row;

/**
 * The registry's reads: external IDs to internal IDs and back, through the caches first, then the
 * database for what they lack (remembered for next time).
 */
final class RegistryResolver {
  private final Database db;
  private final QidPrefixes prefixes;
  private final Runnable schemaCheck;
  private final RegistryCache cached;

  RegistryResolver(Database db, QidPrefixes prefixes, Runnable schemaCheck, RegistryCache cached) {
    this.db = db;
    this.prefixes = prefixes;
    this.schemaCheck = schemaCheck;
    this.cached = cached;
  }

  /**
   * Resolves each value: an external ID (per the configured prefixes) to its internal ID, a decimal
   * or base32 flake64 to its external ID. Values that are neither fail the call, naming every one.
   */
  Resolution resolve(Collection<String> values) {
    // Each value once, in the order asked; tried as an external ID, then as a flake64, without
    // building an exception per value (resolution is the hot path of a cached service).
    // Each value, once, to the key it is looked up by: itself for an external ID, the decimal
    // text for a flake64 (the same string when it is given in decimal).
    Map<String, String> asked = new LinkedHashMap<>();
    Map<String, Qid> qids = new HashMap<>();
    Map<String, Flake64> flakes = new HashMap<>(); // by decimal text
    List<String> bad = new ArrayList<>();
    for (String v : values) {
      if (asked.containsKey(v)) {
        continue;
      }
      Qid q = prefixes.tryParse(v);
      Flake64 f = q == null ? Flake64.tryParse(v) : null;
      if (q != null) {
        qids.put(v, q);
        asked.put(v, v);
      } else if (f != null) {
        String decimal = v.charAt(0) != '0' && v.length() <= 19 && isDigits(v) ? v : f.toString();
        flakes.put(decimal, f);
        asked.put(v, decimal);
      } else {
        bad.add("'" + v + "' (" + RegistryInput.whyNot(prefixes, v) + "; nor a flake64)");
      }
    }
    RegistryInput.refuse(bad, "value(s) that are neither an external ID nor a flake64");
    RegistryInput.checkCount(asked.size());
    Map<String, IdMapping> byExternal = cached.externals(qids);
    Map<String, IdMapping> byInternal = cached.internals(flakes);
    List<String> externalRest = new ArrayList<>();
    for (String e : qids.keySet()) {
      if (!byExternal.containsKey(e)) {
        externalRest.add(e);
      }
    }
    List<Long> internalRest = new ArrayList<>();
    flakes.forEach(
        (decimal, f) -> {
          if (!byInternal.containsKey(decimal)) {
            internalRest.add(f.value());
          }
        });
    if (!externalRest.isEmpty() || !internalRest.isEmpty()) {
      schemaCheck.run();
      List<IdMapping> read =
          db.read(
              "resolving " + (externalRest.size() + internalRest.size()) + " ID(s)",
              c -> {
                List<IdMapping> out = new ArrayList<>();
                for (Row r : RegistryTable.byExternal(c, externalRest).values()) {
                  out.add(RegistryRows.mapping(r, prefixes));
                }
                for (Row r : RegistryTable.byInternal(c, internalRest).values()) {
                  out.add(RegistryRows.mapping(r, prefixes));
                }
                return out;
              });
      for (IdMapping m : read) {
        byExternal.put(m.externalId().toString(), m);
        byInternal.put(m.internalId().toString(), m);
      }
      cached.remember(read);
    }
    List<Resolution.Entry> entries = new ArrayList<>(asked.size());
    asked.forEach(
        (v, key) -> {
          boolean external = qids.containsKey(v);
          entries.add(
              new Resolution.Entry(
                  v,
                  external
                      ? Resolution.Direction.EXTERNAL_TO_INTERNAL
                      : Resolution.Direction.INTERNAL_TO_EXTERNAL,
                  Optional.ofNullable(external ? byExternal.get(key) : byInternal.get(key))));
        });
    return new Resolution(entries);
  }

  private static boolean isDigits(String v) {
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
