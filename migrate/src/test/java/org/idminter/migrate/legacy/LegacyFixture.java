package org.idminter.migrate.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.idminter.core.CanonicalId;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.migrate.engine.MigrationContract;
import org.idminter.store.IdStore;
import org.idminter.store.testing.SampleData;

/**
 * What the legacy migration contract starts from: the engine's contract (reset database, stores
 * with a statement hook, the crash, idempotence and conservation tests) with the legacy migration's
 * source (legacy tables filled with real and bad rows), its runs, and a snapshot of every table to
 * compare runs.
 */
abstract class LegacyFixture extends MigrationContract<IdStore> {
  @Override
  protected IdStore connect(java.util.function.UnaryOperator<java.sql.Connection> decorator) {
    return openStore(database(), decorator);
  }

  private static final ApplyOptions SKIP_REFUSED =
      new ApplyOptions(true, false, 0, Optional.empty());

  @Override
  protected void seed() {
    legacy(23, true);
  }

  @Override
  protected void dryRun(IdStore store) {
    assertThat(migration(store, T0, 7).plan(false).refused()).hasSize(5);
  }

  @Override
  protected String apply(IdStore store, Instant now) {
    return migration(store, now, 7).apply(SKIP_REFUSED, ProgressListener.NONE).outcome();
  }

  @Override
  protected List<String> doneOutcomes() {
    return List.of("migrated", "already migrated");
  }

  @Override
  protected void assertConserved(IdStore store) {
    Results.Verified v = migration(store, T0, 7).verify();
    assertThat(v.mismatches()).isEmpty();
    // 23 real rows, a Person and 4 bad rows; the bad ones and the Person they collide with refused
    assertThat(v.legacyRows()).isEqualTo(28);
    assertThat(v.verified()).isEqualTo(23);
    assertThat(v.skipped()).isEqualTo(5);
    assertThat(v.ok()).isTrue();
  }

  LegacyMigration migration(IdStore store, Instant now, int chunk) {
    return new LegacyMigration(
        store, Clock.fixed(now, ZoneOffset.UTC), TTL, chunk, new java.security.SecureRandom());
  }

  LegacyMigration migration() {
    return migration(open(), T0, 7);
  }

  /** A legacy table: real rows, plus (when {@code bad}) rows that must be refused. */
  void legacy(int realRows, boolean bad) {
    List<String> inserts = new ArrayList<>();
    database().execute(createLegacy());
    int i = 0;
    for (Map.Entry<SourceIdentifier, CanonicalId> e : SampleData.sampleMappings().entrySet()) {
      if (i++ == realRows) {
        break;
      }
      inserts.add(
          row(
              e.getValue().value(),
              e.getKey().ontologyType(),
              e.getKey().sourceSystem(),
              e.getKey().sourceId()));
    }
    inserts.add(row("pqrstuvw", "Person", "lc-names", "n80000001"));
    if (bad) {
      inserts.add(row("ABCDEFGH", "Work", "sierra-system-number", "b9000001"));
      inserts.add(row("abcdefghjk", "Work", "sierra-system-number", "b9000002"));
      inserts.add(
          row(
              "qrstuvwx",
              "Agent",
              "lc-names",
              "n80000001")); // collides with the Person once normalised
      inserts.add(row("rstuvwxy", "Work", "", "b9000003"));
    }
    database().execute(inserts.toArray(String[]::new));
  }

  String createLegacy() {
    return database().kind().equals("MariaDB") || database().kind().equals("MySQL")
        ? "CREATE TABLE identifiers (CanonicalId varchar(255) NOT NULL PRIMARY KEY, OntologyType varchar(255) NOT NULL,"
            + " SourceId varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL,"
            + " UNIQUE KEY UniqueFromSource (OntologyType, SourceSystem, SourceId)) DEFAULT CHARSET=latin1"
        : "CREATE TABLE identifiers (CanonicalId varchar(255) NOT NULL PRIMARY KEY, OntologyType varchar(255) NOT NULL,"
            + " SourceId varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL,"
            + " CONSTRAINT UniqueFromSource UNIQUE (OntologyType, SourceSystem, SourceId))";
  }

  static String row(String id, String type, String system, String value) {
    return "INSERT INTO identifiers (CanonicalId, OntologyType, SourceSystem, SourceId) VALUES ('"
        + id
        + "', '"
        + type
        + "', '"
        + system
        + "', '"
        + value.replace("'", "''")
        + "')";
  }

  /** Every table with every row, as text: equal snapshots mean equal databases. */
  @Override
  protected String snapshot() {
    StringBuilder out = new StringBuilder();
    try (Connection c = database().connect();
        Statement s = c.createStatement()) {
      for (String table : new TreeSet<>(LegacyTables.tables(c))) {
        if (java.util.Set.of(
                "flyway_schema_history",
                "idminter_locks",
                "entity_id_mapping",
                "entity_id_counters",
                "idminter_instance",
                "identifier_redirects",
                "identifier_history",
                "source_system_aliases",
                "source_system_alias_saved")
            .contains(table)) {
          out.append(table).append(" exists\n");
          continue;
        }
        String order = table.equals("idminter_legacy_migration") ? "Id" : "CanonicalId";
        String columns =
            table.equals("idminter_legacy_migration")
                ? "Phase, CopyCursor, SourceRows, SourceChecksum, SwappedRows, SwappedChecksum"
                : table.equals("canonical_ids")
                    ? "CanonicalId, Status"
                    : table.equals("identifier_inheritance")
                            || table.equals("idminter_legacy_refused")
                        ? "CanonicalId"
                        : "CanonicalId, OntologyType, SourceSystem, SourceId";
        out.append("== ").append(table).append('\n');
        try (ResultSet rs =
            s.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY " + order)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              out.append(rs.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return out.toString();
  }

  String firstId() {
    try (Connection c = database().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MIN(CanonicalId) FROM identifiers")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }
}
