package org.idminter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.idminter.core.ProgressListener;
import org.idminter.migrate.rekey.RekeyMigration;
import org.idminter.migrate.rekey.RekeyResults;
import org.idminter.migrate.rekey.RekeySpec;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabase;

/**
 * Part {@code rekey}: the knowledge-base tables with N entities of 5 revisions each (entity_head N
 * rows, entity_revisions and entity_revision_meta 5N each, entity_delete_audit N/100), generated in
 * the database; then, in the same run, a raw {@code INSERT … SELECT} copy of the four tables into
 * keyed copies (the cheapest statement that writes every row once) and {@code rekey apply} (chunk
 * 10,000), then {@code rekey verify}. Wall times in seconds, apply's per phase.
 */
final class RekeyBench {
  private static final String[] TABLES = {
    "entity_head", "entity_revisions", "entity_revision_meta", "entity_delete_audit"
  };
  private static final String SPEC =
      "{\"parent\": {\"table\": \"entity_head\", \"column\": \"entity_id\"}, \"children\":"
          + " [{\"table\": \"entity_revisions\", \"column\": \"entity_id\"}, {\"table\":"
          + " \"entity_revision_meta\", \"column\": \"entity_id\"}, {\"table\":"
          + " \"entity_delete_audit\", \"column\": \"entity_id\"}], \"entity_types\": {\"Q\":"
          + " \"item\", \"P\": \"property\", \"L\": \"lexeme\"}, \"created_at\": {\"table\":"
          + " \"entity_revisions\", \"column\": \"created_at\", \"aggregate\": \"min\"}}";

  private RekeyBench() {}

  static void run(List<String> databases, int entities, Map<String, Object> json, StringBuilder md)
      throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    md.append("\n## Rekey (")
        .append(String.format("%,d", entities))
        .append(" entities, 5 revisions each)\n\n")
        .append("| database | rows | generate s | raw INSERT…SELECT copy s | rekey apply s |")
        .append(
            " apply / copy | verify s | apply's phases (s) |\n|---|---|---|---|---|---|---|---|\n");
    for (String name : databases) {
      TestDatabase db = BenchDatabases.get(name);
      db.reset();
      for (String t : TABLES) {
        db.execute("DROP TABLE IF EXISTS copy_" + t, "DROP TABLE IF EXISTS " + t);
      }
      try (IdStore s = IdStore.builder(db.config(), new Random(1)).open()) {
        // idminter's schema, with the registry
      }
      long t0 = System.nanoTime();
      generate(db, entities);
      double generate = Reports.secondsSince(t0);
      long rowsTotal = entities + 10L * entities + entities / 100;
      long t1 = System.nanoTime();
      for (String t : TABLES) {
        db.execute(copyDdl(db, t), "INSERT INTO copy_" + t + " SELECT * FROM " + t);
      }
      double copy = Reports.secondsSince(t1);
      RekeySpec spec = RekeySpec.parse(new ObjectMapper().readTree(SPEC));
      RekeyResults.Applied applied;
      double apply;
      double verify;
      try (IdStore store = IdStore.builder(db.config(), new Random(2)).open()) {
        RekeyMigration m =
            new RekeyMigration(
                store.database(),
                spec,
                Clock.systemUTC(),
                Duration.ofMinutes(2),
                10_000,
                new Random(3));
        long t2 = System.nanoTime();
        applied = m.apply(RekeyResults.Options.DEFAULT, ProgressListener.NONE);
        apply = Reports.secondsSince(t2);
        long t3 = System.nanoTime();
        RekeyResults.Verified v = m.verify();
        verify = Reports.secondsSince(t3);
        if (!v.passed() || !v.counts().conserved()) {
          throw new IllegalStateException("rekey verify failed in the benchmark: " + v.problems());
        }
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("database", db.kind());
      row.put("entities", entities);
      row.put("rows", rowsTotal);
      row.put("generate_s", generate);
      row.put("copy_s", copy);
      row.put("apply_s", apply);
      row.put("verify_s", verify);
      row.put("apply_step_ms", applied.stepMillis());
      rows.add(row);
      String phases = Reports.seconds(applied.stepMillis());
      md.append(
          String.format(
              "| %s | %,d | %.1f | %.1f | %.1f | %.1f× | %.1f | %s |%n",
              row.get("database"), rowsTotal, generate, copy, apply, apply / copy, verify, phases));
      for (String t : TABLES) {
        db.execute("DROP TABLE IF EXISTS copy_" + t);
      }
    }
    json.put("rekey", rows);
  }

  private static String copyDdl(TestDatabase db, String t) {
    return switch (db.kind()) {
      case "PostgreSQL" -> "CREATE TABLE copy_" + t + " (LIKE " + t + " INCLUDING ALL)";
      case "H2" -> "CREATE TABLE copy_" + t + " AS SELECT * FROM " + t + " WITH NO DATA";
      default -> "CREATE TABLE copy_" + t + " LIKE " + t;
    };
  }

  /** The tables and their rows, generated by the database itself. */
  private static void generate(TestDatabase db, int n) {
    String numbers =
        switch (db.kind()) {
          case "MariaDB" -> "(SELECT seq AS n FROM seq_1_to_" + n + ")";
          case "PostgreSQL" -> "(SELECT generate_series(1, " + n + ") AS n)";
          case "H2" -> "(SELECT X AS n FROM SYSTEM_RANGE(1, " + n + "))";
          default ->
              throw new IllegalArgumentException(
                  "the rekey part generates its rows on MariaDB, PostgreSQL or H2, not "
                      + db.kind());
        };
    String five = numbers.replace(Integer.toString(n), "5");
    String time =
        switch (db.kind()) {
          case "MariaDB" -> "TIMESTAMP '2020-01-01 00:00:00' + INTERVAL (h.n * 60 + r.n) SECOND";
          case "PostgreSQL" ->
              "TIMESTAMP '2020-01-01 00:00:00' + (h.n * 60 + r.n) * INTERVAL '1 second'";
          default -> "DATEADD(SECOND, h.n * 60 + r.n, TIMESTAMP '2020-01-01 00:00:00')";
        };
    db.execute(
        "CREATE TABLE entity_head (entity_id VARCHAR(20) NOT NULL, label VARCHAR(50),"
            + " PRIMARY KEY (entity_id))",
        "CREATE TABLE entity_revisions (entity_id VARCHAR(20) NOT NULL, revision_id INT NOT NULL,"
            + " created_at TIMESTAMP NULL, PRIMARY KEY (entity_id, revision_id))",
        "CREATE TABLE entity_revision_meta (entity_id VARCHAR(20) NOT NULL, revision_id INT NOT"
            + " NULL, size_bytes INT, PRIMARY KEY (entity_id, revision_id))",
        "CREATE TABLE entity_delete_audit (entity_id VARCHAR(20), note VARCHAR(50))",
        "INSERT INTO entity_head SELECT CONCAT('Q', n), CONCAT('label ', n) FROM " + numbers + " h",
        "INSERT INTO entity_revisions SELECT CONCAT('Q', h.n), r.n, "
            + time
            + " FROM "
            + numbers
            + " h CROSS JOIN "
            + five
            + " r",
        "INSERT INTO entity_revision_meta SELECT CONCAT('Q', h.n), r.n, 100 * r.n FROM "
            + numbers
            + " h CROSS JOIN "
            + five
            + " r",
        "INSERT INTO entity_delete_audit SELECT CONCAT('Q', n), 'deleted once' FROM "
            + numbers
            + " h WHERE MOD(n, 100) = 0");
  }
}
