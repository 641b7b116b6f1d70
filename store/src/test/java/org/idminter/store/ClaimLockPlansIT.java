package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.idminter.core.ProgressListener;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The claim locks its candidates by primary key, one probe per ID, on every server database.
 *
 * <p>MySQL and MariaDB otherwise read through idx_free, which covers the query, and a locking read
 * through a secondary index locks each ID twice (6,000 IDs: 55 ms through idx_free, 22 ms by
 * primary key on MariaDB 10.11). PostgreSQL, with statistics taken before a large top-up, read
 * every free entry of idx_free and filtered it by the IN-list (113 ms per 1,000 IDs at 160,000
 * free, against 5 ms).
 */
class ClaimLockPlansIT {

  @Test
  void mariaDbLocksAndMarksFreeIdsByPrimaryKey() throws Exception {
    assertLocksAndMarksByPrimaryKey(TestDatabases.mariaDb("lock"));
  }

  @Test
  void mySqlLocksAndMarksFreeIdsByPrimaryKey() throws Exception {
    assertLocksAndMarksByPrimaryKey(TestDatabases.mySql("lock"));
  }

  @Test
  void postgresLocksByPrimaryKeyEvenWithStatisticsFromBeforeATopUp() throws Exception {
    TestDatabase db = TestDatabases.postgres("lock");
    db.reset();
    try (IdStore store = IdStore.builder(db.config(), new Random(1)).open();
        Connection c = db.connect()) {
      db.execute(
          "INSERT INTO canonical_ids (CanonicalId, Status)"
              + " SELECT 'x' || lpad(g::text, 7, '0'), 'assigned' FROM generate_series(1, 50000) g");
      Dialect dialect = store.database().dialect();
      dialect.refreshStatistics(c, List.of("canonical_ids")); // every ID assigned, as after import
      store.pool().topUp(30_000, ProgressListener.NONE);
      List<String> ids = freeIds(c, 3);
      String plan = String.join("\n", explain(c, dialect.lockFreeIds(3), ids));
      assertThat(plan).contains("canonical_ids_pkey").doesNotContain("idx_free");
    }
  }

  private static void assertLocksAndMarksByPrimaryKey(TestDatabase db) throws Exception {
    db.reset();
    try (IdStore store = IdStore.builder(db.config(), new Random(1)).open();
        Connection c = db.connect()) {
      store.pool().topUp(2_000, ProgressListener.NONE);
      Dialect dialect = store.database().dialect();
      dialect.refreshStatistics(c, List.of("canonical_ids"));
      List<String> ids = freeIds(c, 3);
      assertThat(keyColumn(explain(c, dialect.lockFreeIds(3), ids))).isEqualTo("PRIMARY");
      String update = "UPDATE canonical_ids SET Status = 'assigned' WHERE CanonicalId IN (?, ?, ?)";
      assertThat(keyColumn(explain(c, update, ids))).isEqualTo("PRIMARY");
    }
  }

  private static List<String> freeIds(Connection c, int n) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT CanonicalId FROM canonical_ids WHERE Status = 'free' LIMIT ?")) {
      ps.setInt(1, n);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      assertThat(out).hasSize(n);
      return out;
    }
  }

  private static List<String> explain(Connection c, String sql, List<String> ids) throws Exception {
    return Explain.rows(
        c,
        sql,
        ps -> {
          for (int i = 0; i < ids.size(); i++) {
            ps.setString(i + 1, ids.get(i));
          }
        });
  }

  /** The index MySQL's EXPLAIN names in its "key" column for the statement's only table. */
  private static String keyColumn(List<String> rows) {
    assertThat(rows).hasSize(1);
    for (String pair : rows.get(0).split(" ")) {
      if (pair.startsWith("key=")) {
        return pair.substring(4);
      }
    }
    throw new AssertionError("no key column in " + rows);
  }
}
