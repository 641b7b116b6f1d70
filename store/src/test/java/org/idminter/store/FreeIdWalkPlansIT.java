package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.idminter.core.ProgressListener;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The claim's candidate walk must read idx_free in order from its start and stop after LIMIT rows.
 * A plan that sorts instead reads the whole rest of the free range on every window: at 1M mappings
 * and 160,000 free IDs MariaDB read and sorted 117,249 rows per window (46-60 ms, the largest
 * statement of a mint call, and growing with the pool), because with the driver's utf8mb4
 * connection it did not take {@code Status = 'free'} as fixing the first column of {@code ORDER BY
 * Status, CanonicalId}. H2 has the opposite blind spot: it sorts {@code ORDER BY CanonicalId}.
 */
class FreeIdWalkPlansIT {
  private static final List<String> RANGES =
      List.of("CanonicalId >= ?", "CanonicalId > ?", "CanonicalId > ? AND CanonicalId < ?");

  @Test
  void mariaDbWalksIdxFreeInOrderWithoutSorting() throws Exception {
    for (Plan plan : plans(TestDatabases.mariaDb("walk"))) {
      assertThat(plan.text()).as(plan.sql()).contains("idx_free").doesNotContain("filesort");
    }
  }

  @Test
  void mySqlWalksIdxFreeInOrderWithoutSorting() throws Exception {
    for (Plan plan : plans(TestDatabases.mySql("walk"))) {
      assertThat(plan.text()).as(plan.sql()).contains("idx_free").doesNotContain("filesort");
    }
  }

  @Test
  void postgresWalksAnIndexInOrderWithoutSorting() throws Exception {
    // PostgreSQL may read the primary key in order and filter Status: also no sort, also stops.
    for (Plan plan : plans(TestDatabases.postgres("walk"))) {
      assertThat(plan.text())
          .as(plan.sql())
          .containsPattern("Index (Only )?Scan using (idx_free|canonical_ids_pkey)")
          .doesNotContainPattern("(?i)\\bsort\\b");
    }
  }

  @Test
  void h2WalksIdxFreeInOrderWithoutSorting() throws Exception {
    for (Plan plan : plans(TestDatabases.h2())) {
      assertThat(plan.text()).as(plan.sql()).contains("IDX_FREE").contains("/* index sorted */");
    }
  }

  private record Plan(String sql, String text) {}

  /**
   * The walk's plan for each range shape, as text (all rows and columns), on a pool of 10,000 free
   * and 20,000 assigned IDs with fresh statistics.
   */
  private static List<Plan> plans(TestDatabase db) throws Exception {
    db.reset();
    try (IdStore store = IdStore.builder(db.config(), new Random(1)).open();
        Connection c = db.connect()) {
      store.pool().topUp(30_000, ProgressListener.NONE);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE canonical_ids SET Status = 'assigned' WHERE CanonicalId IN"
                  + " (SELECT CanonicalId FROM (SELECT CanonicalId FROM canonical_ids"
                  + " ORDER BY CanonicalId LIMIT 20000) f)")) {
        ps.executeUpdate();
      }
      Dialect dialect = store.database().dialect();
      dialect.refreshStatistics(c, List.of("canonical_ids"));
      List<Plan> plans = new ArrayList<>();
      for (String range : RANGES) {
        String sql = dialect.freeIdWindow(range);
        int bounds = (int) range.chars().filter(ch -> ch == '?').count();
        List<String> rows =
            Explain.rows(
                c,
                sql,
                ps -> {
                  for (int i = 1; i <= bounds; i++) {
                    ps.setString(i, i == 1 ? "m" : "t");
                  }
                  ps.setInt(bounds + 1, 1258);
                });
        plans.add(new Plan(sql, String.join("\n", rows)));
      }
      assertThat(store.pool().status().free()).isEqualTo(10_000);
      return plans;
    }
  }
}
