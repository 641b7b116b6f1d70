package org.idminter.migrate.rekey;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.FactTable;
import org.idminter.migrate.rekey.RekeySpec.Column;

/**
 * What a rekey run must remember across crashes and for rollback, written once in the transaction
 * that starts it: when it started (the time of entities with no creation time), which spec it runs,
 * (by its digest), and per table its row count and primary key before apply.
 */
record RekeyFacts(
    long startedMs,
    String spec,
    Map<String, Long> rowsBefore,
    Map<String, List<String>> keysBefore) {
  static final FactTable TABLE = new FactTable(RekeyDdl.FACTS);

  RekeyFacts {
    rowsBefore = Map.copyOf(rowsBefore);
    keysBefore = Map.copyOf(keysBefore);
  }

  List<String> keyBefore(Column t) {
    return keysBefore.getOrDefault(t.table().toLowerCase(java.util.Locale.ROOT), List.of());
  }

  long rowsBefore(Column t) {
    return rowsBefore.getOrDefault(t.table().toLowerCase(java.util.Locale.ROOT), 0L);
  }

  /** The digest that names a spec in the facts. */
  static String digest(RekeySpec spec) {
    org.idminter.migrate.engine.Checksum c = new org.idminter.migrate.engine.Checksum();
    c.add(spec.identity());
    return c.fingerprint().checksum();
  }

  /** Writes the facts unless a run already did (then they must be for the same spec). */
  void writeOnce(Connection c) throws SQLException {
    Optional<RekeyFacts> existing = read(c);
    if (existing.isPresent()) {
      existing.get().requireSpec(spec);
      return;
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("started_ms", startedMs);
    facts.put("spec", spec);
    rowsBefore.forEach((t, n) -> facts.put("rows:" + t, n));
    keysBefore.forEach((t, k) -> facts.put("key:" + t, String.join(",", k)));
    TABLE.write(c, facts);
  }

  void requireSpec(String other) {
    if (!spec.equals(other)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "a rekey with another spec is in progress on this database (its spec's digest is "
              + spec
              + ", this one's "
              + other
              + "); finish or roll it back with that spec first; nothing was changed");
    }
  }

  static Optional<RekeyFacts> read(Connection c) throws SQLException {
    Map<String, Object> facts = TABLE.read(c);
    if (facts.isEmpty()) {
      return Optional.empty();
    }
    long started = 0;
    String spec = "";
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Object> f : facts.entrySet()) {
      String fact = f.getKey();
      if (fact.equals("started_ms")) {
        started = (Long) f.getValue();
      } else if (fact.equals("spec")) {
        spec = f.getValue() == null ? "" : (String) f.getValue();
      } else if (fact.startsWith("rows:")) {
        counts.put(fact.substring(5), (Long) f.getValue());
      } else if (fact.startsWith("key:")) {
        String k = (String) f.getValue();
        keys.put(fact.substring(4), k == null || k.isEmpty() ? List.of() : List.of(k.split(",")));
      }
    }
    return Optional.of(new RekeyFacts(started, spec, counts, keys));
  }
}
