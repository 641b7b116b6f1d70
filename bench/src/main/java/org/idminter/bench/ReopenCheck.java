package org.idminter.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.idminter.core.MintRequest;
import org.idminter.store.IdStore;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.testing.TestDatabase;

/**
 * Durability under the benchmark's own pattern: drop the tables, open a store, top up, mint a
 * workload, close; again and again on one file database. After each drop the tables must be gone,
 * after each open they must be empty, and after each close every mapping minted must be there. This
 * is how H2 2.3.232's loss of committed changes when compacting on close surfaced (see
 * docs/architecture.md, Decisions); run it after changing H2's version or settings.
 */
final class ReopenCheck {
  private ReopenCheck() {}

  static Map<String, Object> run(TestDatabase db, List<Workload> workloads, int seconds)
      throws SQLException {
    List<String> anomalies = new ArrayList<>();
    long cycles = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      for (Workload w : workloads) {
        cycles++;
        db.reset();
        check(anomalies, cycles, w, "after dropping the tables", state(db), "tables 0");
        try (IdStore store =
            IdStore.builder(db.config(new PoolPolicy(false, 0, 1)), new Random(cycles)).open()) {
          check(anomalies, cycles, w, "after opening", state(db), "tables 2, ids 0, mappings 0");
          WorkloadBench.prepare(store, w);
          for (List<MintRequest> call : w.calls()) {
            store.minter().mint(call);
          }
        } catch (RuntimeException e) {
          anomalies.add("cycle " + cycles + " (" + w.name() + "): " + e.getMessage());
          continue;
        }
        long expected = distinctKeys(w);
        String after = state(db);
        if (!after.endsWith(", mappings " + expected)) {
          anomalies.add(
              "cycle "
                  + cycles
                  + " ("
                  + w.name()
                  + "): after closing, "
                  + after
                  + "; expected "
                  + expected
                  + " mappings");
        }
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db.kind());
    r.put("seconds", seconds);
    r.put("cycles", cycles);
    r.put("anomalies", anomalies);
    return r;
  }

  /** Keys the workload maps: its seed's and its calls', each once. */
  private static long distinctKeys(Workload w) {
    java.util.Set<org.idminter.core.SourceIdentifier> keys = new java.util.HashSet<>();
    w.seed().forEach(r -> keys.add(r.key()));
    w.calls().forEach(call -> call.forEach(r -> keys.add(r.key())));
    return keys.size();
  }

  private static void check(
      List<String> anomalies, long cycle, Workload w, String when, String actual, String wanted) {
    if (!actual.equals(wanted)) {
      anomalies.add(
          "cycle "
              + cycle
              + " ("
              + w.name()
              + "): "
              + when
              + ", "
              + actual
              + "; expected "
              + wanted);
    }
  }

  /** Tables present and, if both are, their row counts; a failure to read is reported as such. */
  private static String state(TestDatabase db) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      long tables;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                  + " WHERE LOWER(TABLE_NAME) IN ('canonical_ids', 'identifiers')")) {
        rs.next();
        tables = rs.getLong(1);
      }
      if (tables < 2) {
        return "tables " + tables;
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT (SELECT COUNT(*) FROM canonical_ids), (SELECT COUNT(*) FROM identifiers)")) {
        rs.next();
        return "tables 2, ids " + rs.getLong(1) + ", mappings " + rs.getLong(2);
      }
    } catch (SQLException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
