package org.idminter.migrate.rekey;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.Keyset;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Proves, independently of the staging table, that every row of every table resolves through
 * entity_id_mapping to the entity it named before: per table, the rows whose new column is NULL,
 * and per external ID (paged, with the internal IDs its rows hold) the registry's internal ID for
 * it, looked up by bound values. A row passes only when its internal ID is the one the registry
 * maps its external ID to.
 */
final class RekeyVerifier {
  /** Problems listed (all are counted). */
  static final int LISTED = 100;

  /** What verify found per table and overall. */
  record Result(
      Map<String, Long> rowsPerTable,
      Map<String, Long> verifiedPerTable,
      long failures,
      List<String> problems) {}

  private final Database db;
  private final RekeySpec spec;
  private final int chunk;

  RekeyVerifier(Database db, RekeySpec spec, int chunk) {
    this.db = db;
    this.spec = spec;
    this.chunk = chunk;
  }

  Result verify() {
    return db.read(
        "verifying the rekey",
        c -> {
          Map<String, Long> rows = new LinkedHashMap<>();
          Map<String, Long> verified = new LinkedHashMap<>();
          List<String> problems = new ArrayList<>();
          long[] failures = {0};
          for (Column t : spec.tables()) {
            TableShape shape = TableShape.require(c, t.table());
            if (!shape.hasColumn(spec.newColumn()) || !shape.hasColumn(t.column())) {
              throw new IdMinterException(
                  ErrorCode.REFUSED,
                  "nothing to verify: "
                      + t.table()
                      + " does not have both "
                      + t.column()
                      + " and "
                      + spec.newColumn()
                      + " (verify runs between `rekey apply` and `rekey finish`)");
            }
            rows.put(t.table(), Sql.queryLong(c, "SELECT COUNT(*) FROM " + t.table(), ps -> {}));
            long unset =
                Sql.queryLong(
                    c,
                    "SELECT COUNT(*) FROM "
                        + t.table()
                        + " WHERE "
                        + spec.newColumn()
                        + " IS NULL OR "
                        + t.column()
                        + " IS NULL",
                    ps -> {});
            if (unset > 0) {
              failures[0] += unset;
              note(
                  problems, unset + " row(s) of " + t.table() + " have no external or internal ID");
            }
            verified.put(t.table(), resolve(c, t, problems, failures));
          }
          return new Result(rows, verified, failures[0], problems);
        });
  }

  /** Rows of {@code t} whose internal ID is the registry's for their external ID. */
  private long resolve(Connection c, Column t, List<String> problems, long[] failures)
      throws SQLException {
    String col = spec.newColumn();
    long[] good = {0};
    Keyset.pages(
        c,
        t.column() + ", MIN(" + col + "), MAX(" + col + "), COUNT(*)",
        t.table(),
        t.column(),
        " AND " + col + " IS NOT NULL GROUP BY " + t.column(),
        4,
        chunk,
        null,
        page -> {
          Map<String, String[]> registered =
              RekeyPlanner.registered(c, page.stream().map(r -> r[0]).toList());
          for (String[] r : page) {
            String[] m = registered.get(r[0]);
            long n = Long.parseLong(r[3]);
            if (m != null && m[1].equals(r[1]) && m[1].equals(r[2])) {
              good[0] += n;
            } else {
              failures[0] += n;
              note(
                  problems,
                  t.table()
                      + ": "
                      + r[0]
                      + " holds "
                      + (r[1].equals(r[2]) ? r[1] : r[1] + ".." + r[2])
                      + " in "
                      + n
                      + " row(s), but the registry maps it to "
                      + (m == null ? "nothing" : m[1]));
            }
          }
        });
    return good[0];
  }

  private static void note(List<String> problems, String problem) {
    if (problems.size() < LISTED) {
      problems.add(problem);
    }
  }
}
