package org.idminter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.idminter.core.OntologyTypes;
import org.idminter.core.ProgressListener;
import org.idminter.migrate.legacy.ApplyOptions;
import org.idminter.migrate.legacy.LegacyMigration;
import org.idminter.migrate.legacy.Results;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.schema.Rfc083Tables;
import org.idminter.store.testing.TestDatabase;

/**
 * Part {@code legacy}: a legacy 1:1 identifiers table of N rows (the Python id_minter's, latin1 on
 * MySQL and MariaDB; 80% Works, 10% Items, 10% Persons, which the RFC 083 schema stores as
 * Concept), generated in the database. In the same run: the raw copy, the cheapest SQL writing the
 * same end state ({@code INSERT … SELECT} into a new {@code canonical_ids} and a new identifiers
 * table with the RFC 083 indexes, the ontology types normalised), then {@code legacy apply} (chunk
 * 10,000) and {@code legacy verify}. Wall times in seconds, apply's per step.
 */
final class LegacyBench {
  /** The ontology type as the RFC 083 schema stores it, from the types idminter normalises. */
  private static final String CONCEPT =
      OntologyTypes.CONCEPT_LIKE.stream()
          .sorted()
          .map(t -> "'" + t + "'")
          .collect(
              Collectors.joining(
                  ", ", "CASE WHEN OntologyType IN (", ") THEN 'Concept' ELSE OntologyType END"));

  private LegacyBench() {}

  static void run(List<String> databases, int rows, Map<String, Object> json, StringBuilder md)
      throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    md.append("\n## Legacy migration (")
        .append(String.format("%,d", rows))
        .append(" rows)\n\n")
        .append("| database | generate s | raw INSERT…SELECT copy s | legacy apply s |")
        .append(" apply / copy | verify s | apply's steps (s) |\n|---|---|---|---|---|---|---|\n");
    for (String name : databases) {
      TestDatabase db = BenchDatabases.get(name);
      db.reset();
      StoreConfig asIs = asIs(db.config());
      long t0 = System.nanoTime();
      List<String> ddl;
      try (IdStore store = IdStore.builder(asIs, new Random(1)).open()) {
        Dialect dialect = store.database().dialect();
        ddl =
            store
                .database()
                .read(
                    "reading the server's character sets",
                    c ->
                        Rfc083Tables.statements(
                            dialect,
                            dialect.migrationPlaceholders(c.getMetaData()),
                            "identifiers_raw"));
        Path empty = Files.createTempFile("legacy-bench", ".csv");
        Files.writeString(empty, "CanonicalId,OntologyType,SourceSystem,SourceId\n");
        migration(store).loadCsv(empty, ProgressListener.NONE);
        Files.delete(empty);
      }
      db.execute(generate(db, rows));
      // Settled, as a legacy table in service is (PostgreSQL's visibility hints set, statistics
      // taken): the raw copy runs first and must not pay for that on apply's behalf.
      db.execute(
          switch (db.kind()) {
            case "PostgreSQL" -> "VACUUM ANALYZE identifiers";
            case "H2" -> "ANALYZE";
            default -> "ANALYZE TABLE identifiers";
          });
      double generate = Reports.secondsSince(t0);
      double copy = rawCopy(db, ddl);
      Results.Applied applied;
      double apply;
      double verify;
      try (IdStore store = IdStore.builder(asIs, new Random(2)).open()) {
        long t2 = System.nanoTime();
        applied =
            migration(store)
                .apply(new ApplyOptions(false, false, 0, Optional.empty()), ProgressListener.NONE);
        apply = Reports.secondsSince(t2);
        long t3 = System.nanoTime();
        Results.Verified v = migration(store).verify();
        verify = Reports.secondsSince(t3);
        if (!v.ok() || v.verified() != rows) {
          throw new IllegalStateException(
              "legacy verify failed in the benchmark: "
                  + v.verified()
                  + " of "
                  + rows
                  + " verified; "
                  + v.mismatches());
        }
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("database", db.kind());
      row.put("rows", rows);
      row.put("generate_s", generate);
      row.put("raw_copy_s", copy);
      row.put("apply_s", apply);
      row.put("verify_s", verify);
      row.put("apply_step_ms", applied.stepMillis());
      out.add(row);
      md.append(
          String.format(
              "| %s | %.1f | %.1f | %.1f | %.1f× | %.1f | %s |%n",
              db.kind(),
              generate,
              copy,
              apply,
              apply / copy,
              verify,
              Reports.seconds(applied.stepMillis())));
      db.reset();
    }
    json.put("legacy", out);
  }

  private static LegacyMigration migration(IdStore store) {
    return new LegacyMigration(
        store, Clock.systemUTC(), Duration.ofMinutes(2), 10_000, new Random(3));
  }

  /** The store as the CLI's legacy commands open it: never migrated on open. */
  private static StoreConfig asIs(StoreConfig c) {
    return new StoreConfig(
        c.jdbcUrl(), c.user(), c.password(), false, c.pool(), c.maxConnections());
  }

  /**
   * The cheapest SQL writing apply's end state: both RFC 083 tables (the identifiers table named
   * identifiers_raw), filled by one INSERT … SELECT each; then dropped again.
   */
  private static double rawCopy(TestDatabase db, List<String> ddl) {
    long t = System.nanoTime();
    db.execute(ddl.toArray(String[]::new));
    db.execute(
        "INSERT INTO canonical_ids (CanonicalId, Status) SELECT CanonicalId, 'assigned' FROM"
            + " identifiers",
        "INSERT INTO identifiers_raw (OntologyType, SourceSystem, SourceId, CanonicalId) SELECT "
            + CONCEPT
            + ", SourceSystem, SourceId, CanonicalId FROM identifiers");
    double seconds = Reports.secondsSince(t);
    db.execute("DROP TABLE identifiers_raw", "DROP TABLE canonical_ids");
    return seconds;
  }

  /**
   * Fills the legacy table in the database: row n gets the canonical ID 'k' followed by n's seven
   * low octal digits as the letters a to h, and a key by n's last digit.
   */
  private static String generate(TestDatabase db, int n) {
    if (n > 2_097_152) {
      throw new IllegalArgumentException("the legacy part generates at most 2,097,152 rows");
    }
    List<String> letters = new ArrayList<>();
    for (int k = 6; k >= 0; k--) {
      long div = 1L << (3 * k);
      letters.add(
          switch (db.kind()) {
            case "MariaDB", "MySQL" -> "CHAR(97 + MOD(n DIV " + div + ", 8))";
            case "PostgreSQL" -> "chr(97 + ((n / " + div + ") % 8)::int)";
            default -> "CHAR(97 + MOD(n / " + div + ", 8))";
          });
    }
    String numbers =
        switch (db.kind()) {
          case "MariaDB" -> "(SELECT seq AS n FROM seq_0_to_" + (n - 1) + ")";
          case "PostgreSQL" -> "(SELECT generate_series(0, " + (n - 1) + ")::bigint AS n)";
          case "H2" -> "(SELECT X AS n FROM SYSTEM_RANGE(0, " + (n - 1) + "))";
          default ->
              throw new IllegalArgumentException(
                  "the legacy part generates its rows on MariaDB, PostgreSQL or H2, not "
                      + db.kind());
        };
    return "INSERT INTO identifiers (CanonicalId, OntologyType, SourceSystem, SourceId) SELECT"
        + " CONCAT('k', "
        + String.join(", ", letters)
        + "), CASE MOD(n, 10) WHEN 0 THEN 'Person' WHEN 1 THEN 'Item' ELSE 'Work' END,"
        + " CASE MOD(n, 10) WHEN 0 THEN 'lc-names' ELSE 'sierra-system-number' END,"
        + " CONCAT('b', n) FROM "
        + numbers
        + " g";
  }
}
