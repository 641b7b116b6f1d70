package org.idminter.migrate.rekey;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.sql.Sql;

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
    List<Object[]> rows = new java.util.ArrayList<>();
    rows.add(new Object[] {"started_ms", startedMs, null});
    rows.add(new Object[] {"spec", null, spec});
    rowsBefore.forEach((t, n) -> rows.add(new Object[] {"rows:" + t, n, null}));
    keysBefore.forEach((t, k) -> rows.add(new Object[] {"key:" + t, null, String.join(",", k)}));
    Sql.insertRows(
        c,
        "INSERT INTO " + RekeyDdl.FACTS + " (fact, num, txt)",
        "(?, ?, ?)",
        "",
        rows,
        (ps, i, r) -> {
          ps.setString(i, (String) r[0]);
          if (r[1] == null) {
            ps.setNull(i + 1, java.sql.Types.BIGINT);
          } else {
            ps.setLong(i + 1, (Long) r[1]);
          }
          ps.setString(i + 2, (String) r[2]);
        });
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
    List<Object[]> rows =
        Sql.query(
            c,
            "SELECT fact, num, txt FROM " + RekeyDdl.FACTS,
            ps -> {},
            rs ->
                new Object[] {
                  rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3)
                });
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long started = 0;
    String spec = "";
    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (Object[] r : rows) {
      String fact = (String) r[0];
      if (fact.equals("started_ms")) {
        started = (Long) r[1];
      } else if (fact.equals("spec")) {
        spec = r[2] == null ? "" : (String) r[2];
      } else if (fact.startsWith("rows:")) {
        counts.put(fact.substring(5), (Long) r[1]);
      } else if (fact.startsWith("key:")) {
        String k = (String) r[2];
        keys.put(fact.substring(4), k == null || k.isEmpty() ? List.of() : List.of(k.split(",")));
      }
    }
    return Optional.of(new RekeyFacts(started, spec, counts, keys));
  }
}
