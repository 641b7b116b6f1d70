package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.idminter.core.ProgressListener;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.testing.SampleData;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL plans a lookup from the table's statistics. While they describe an empty table (a
 * fresh database that autovacuum has not analyzed yet) it reads the key's whole type and system and
 * filters it by the IN-list: 44 ms per 1,000 keys at 200,000 rows instead of 2 ms, growing with the
 * table, which made the bulk import slow down as it went. The import refreshes the statistics as
 * the table grows.
 */
class PostgresPlansIT {
  private static final TestDatabase DB = TestDatabases.postgres("plans");

  @Test
  void refreshedStatisticsTurnAGroupScanIntoPrimaryKeyProbes() throws Exception {
    DB.reset();
    try (IdStore store = IdStore.builder(DB.config(), new Random(1)).open();
        Connection c = DB.connect()) {
      DB.execute(
          "INSERT INTO canonical_ids (CanonicalId, Status)"
              + " SELECT 'x' || lpad(g::text, 7, '0'), 'assigned' FROM generate_series(1, 200000) g",
          "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId)"
              + " SELECT 'Work', 'sierra', 'b' || g, 'x' || lpad(g::text, 7, '0')"
              + " FROM generate_series(1, 200000) g");
      Dialect dialect = store.database().dialect();
      assertThat(lookupPlan(c, dialect))
          .as("the premise: never analyzed, the 200,000-row group is scanned")
          .contains("filter: ")
          .containsPattern("filter: .*sourceid\\)::text = any");

      dialect.refreshStatistics(c, List.of("identifiers", "canonical_ids"));
      assertThat(lookupPlan(c, dialect))
          .containsPattern("index cond: .*sourceid\\)::text = any")
          .doesNotContain("filter: ");
    }
  }

  @Test
  void importRefreshesTheStatistics() throws Exception {
    DB.reset();
    try (IdStore store = IdStore.builder(DB.config(), new Random(1)).open();
        Connection c = DB.connect()) {
      store.importer().importCsv(SampleData.sampleCsv(), ProgressListener.NONE);
      // analyze_count counts explicit ANALYZE only (autovacuum's are autoanalyze_count)
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT relname, analyze_count FROM pg_stat_user_tables"
                      + " WHERE relname IN ('identifiers', 'canonical_ids') ORDER BY relname")) {
        List<String> counts = new ArrayList<>();
        while (rs.next()) {
          counts.add(rs.getString(1) + "=" + rs.getLong(2));
        }
        assertThat(counts).containsExactly("canonical_ids=1", "identifiers=1");
      }
    }
  }

  private static String lookupPlan(Connection c, Dialect dialect) throws SQLException {
    List<String> keys = IntStream.range(0, 1_000).mapToObj(i -> "b" + (i * 97)).toList();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + dialect.keyLookup(keys.size()))) {
      ps.setString(1, "Work");
      ps.setString(2, "sierra");
      dialect.bindValues(ps, 3, keys);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      return String.join("\n", lines).toLowerCase();
    }
  }
}
