package org.idminter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.idminter.core.ProgressListener;
import org.idminter.core.id.Flake64;
import org.idminter.migrate.rekey.RekeyMigration;
import org.idminter.migrate.rekey.RekeyResults;
import org.idminter.migrate.rekey.RekeySpec;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabase;

/**
 * Part {@code rekey-scale}, a correctness check (exit 1 on a finding): more entities sharing one
 * creation time than a flake64's 21 low bits can number in a millisecond (2,097,152; default
 * 2,100,000 entities, no creation times, so all take the run's start), generated in the database,
 * rekeyed in chunks of 50,000 with the heap of {@code bench/run}. Every internal ID must be unique,
 * ordered like the entities' numbers, the first 2,097,152 in the start's millisecond and the rest
 * in the next; the registry must hold one row per entity.
 */
final class RekeyScaleCheck {
  private RekeyScaleCheck() {}

  static Map<String, Object> run(TestDatabase db, int entities) throws Exception {
    db.reset();
    db.execute("DROP TABLE IF EXISTS entity_head");
    try (IdStore s = IdStore.builder(db.config(), new Random(1)).open()) {
      // idminter's schema, with the registry
    }
    String numbers =
        switch (db.kind()) {
          case "MariaDB" -> "SELECT CONCAT('Q', seq) FROM seq_1_to_" + entities;
          case "PostgreSQL" -> "SELECT CONCAT('Q', n) FROM generate_series(1, " + entities + ") n";
          case "H2" -> "SELECT CONCAT('Q', X) FROM SYSTEM_RANGE(1, " + entities + ")";
          default ->
              throw new IllegalArgumentException(
                  "rekey-scale generates its rows on MariaDB, PostgreSQL or H2, not " + db.kind());
        };
    db.execute(
        "CREATE TABLE entity_head (entity_id VARCHAR(20) NOT NULL PRIMARY KEY)",
        "INSERT INTO entity_head (entity_id) " + numbers);
    RekeySpec spec =
        RekeySpec.parse(
            new ObjectMapper()
                .readTree(
                    "{\"parent\": {\"table\": \"entity_head\", \"column\": \"entity_id\"},"
                        + " \"entity_types\": {\"Q\": \"item\"}}"));
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    long t0 = System.nanoTime();
    try (IdStore store = IdStore.builder(db.config(), new Random(2)).open()) {
      new RekeyMigration(
              store.database(),
              spec,
              Clock.fixed(start, ZoneOffset.UTC),
              Duration.ofMinutes(2),
              50_000,
              new Random(3))
          .apply(RekeyResults.Options.DEFAULT, ProgressListener.NONE);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long ms = start.toEpochMilli();
    String number =
        db.kind().equals("MariaDB")
            ? "CAST(SUBSTRING(entity_id, 2) AS UNSIGNED)"
            : "CAST(SUBSTRING(entity_id, 2) AS BIGINT)";
    List<String> anomalies = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      expect(
          anomalies,
          s,
          "SELECT COUNT(DISTINCT internal_id) FROM entity_head",
          entities,
          "distinct internal IDs");
      expect(anomalies, s, "SELECT COUNT(*) FROM entity_id_mapping", entities, "registry rows");
      expect(
          anomalies,
          s,
          "SELECT COUNT(*) FROM (SELECT internal_id, LAG(internal_id) OVER (ORDER BY "
              + number
              + ") AS prev FROM entity_head) t WHERE internal_id <= prev",
          0,
          "entities whose internal ID is not above the one numbered before");
      expect(
          anomalies,
          s,
          "SELECT COUNT(*) FROM entity_head WHERE internal_id < "
              + Flake64.of(ms, 0).value()
              + " OR internal_id > "
              + Flake64.of(ms + 1, Math.max(0, entities - (1 << 21) - 1)).value(),
          0,
          "internal IDs outside the start's millisecond and the next");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db.kind());
    r.put("entities", entities);
    r.put("apply_s", seconds);
    r.put("anomalies", anomalies);
    return r;
  }

  private static void expect(
      List<String> anomalies, Statement s, String sql, long want, String what) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      long got = rs.getLong(1);
      if (got != want) {
        anomalies.add(what + ": " + got + ", expected " + want);
      }
    }
  }
}
