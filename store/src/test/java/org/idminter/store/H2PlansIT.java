package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * H2 reads a parameter IN-list on the key's last column by scanning the (type, system) prefix, and
 * locks free IDs by scanning idx_free: lookups and claims then grow with the table (2.8 s and 4-5 s
 * per 1,000 values at 200,000 rows). The plans must look every value up through an index.
 */
class H2PlansIT {
  private static final TestDatabase DB = TestDatabases.h2();

  @Test
  void lookupAndLockLookEveryValueUpThroughAnIndex() throws Exception {
    DB.reset();
    try (IdStore store = IdStore.builder(DB.config(), new Random(1)).open();
        Connection c = DB.connect()) {
      Dialect dialect = store.database().dialect();
      String lookup =
          explain(
              c,
              dialect.keyLookup(2),
              ps -> {
                ps.setString(1, "Work");
                ps.setString(2, "sierra");
                dialect.bindValues(ps, 3, List.of("b1", "b2"));
              });
      assertThat(lookup).contains("PRIMARY_KEY").contains("SOURCEID = T.X */");
      String lock =
          explain(c, dialect.lockFreeIds(2), ps -> dialect.bindValues(ps, 1, List.of("a", "b")));
      // a point lookup per ID (by primary key, or idx_free with both columns), never a range scan
      assertThat(lock)
          .containsPattern(
              "/\\* PUBLIC\\.[A-Z_]+: (STATUS = 'FREE' AND )?CANONICALID = T\\.X \\*/");
    }
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws Exception;
  }

  private static String explain(Connection c, String sql, Binder binder) throws Exception {
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1).replaceAll("\\s+", " ").toUpperCase();
      }
    }
  }
}
