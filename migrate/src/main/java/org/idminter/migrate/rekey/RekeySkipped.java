package org.idminter.migrate.rekey;

import static org.idminter.migrate.rekey.RekeyDdl.ENTITIES;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.RetryTransaction;
import org.idminter.store.sql.Sql;

/**
 * Rows apply cannot carry (a NULL or refused external ID, a child whose parent is missing or
 * refused) are skipped only with --skip-refused, and then moved, never deleted: each into its own
 * table ({@link RekeyDdl#skippedTable}), in one transaction that copies and removes exactly the
 * same rows (a count that differs means a concurrent writer, and the transaction runs again).
 * Rollback moves them back.
 */
final class RekeySkipped {
  private final Database db;
  private final RekeyDdl ddl;
  private final RekeySpec spec;

  RekeySkipped(Database db, RekeyDdl ddl, RekeySpec spec) {
    this.db = db;
    this.ddl = ddl;
    this.spec = spec;
  }

  /** Rows of each table apply would have to skip now. */
  Map<String, Long> count() {
    return db.read(
        "counting the rows to skip",
        c -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          List<Column> tables = spec.tables();
          for (int i = 0; i < tables.size(); i++) {
            Column t = tables.get(i);
            long n = skippable(c, i);
            if (n > 0) {
              counts.put(t.table(), n);
            }
          }
          return counts;
        });
  }

  /**
   * Moves the rows to skip of the tables {@link #count} found them in into their tables; children
   * first. Returns rows moved per table.
   */
  Map<String, Long> moveAll(Map<String, Long> found) {
    Map<String, Long> moved = new LinkedHashMap<>();
    List<Column> tables = spec.tables();
    for (int i = tables.size() - 1; i >= 0; i--) {
      int position = i;
      Column t = tables.get(i);
      if (!found.containsKey(t.table())) {
        continue;
      }
      String columns = originalColumns(t);
      String into = RekeyDdl.skippedTable(i);
      db.read(
          "creating " + into,
          c ->
              Sql.update(
                  c,
                  "CREATE TABLE IF NOT EXISTS "
                      + into
                      + " AS SELECT "
                      + columns
                      + " FROM "
                      + t.table()
                      + " WHERE 1 = 0",
                  ps -> {}));
      long count =
          db.inTransaction(
              "moving the skipped rows of " + t.table() + " to " + into,
              c -> {
                String where = " WHERE " + condition(position);
                long copied =
                    Sql.update(
                        c,
                        "INSERT INTO "
                            + into
                            + " ("
                            + columns
                            + ") SELECT "
                            + columns
                            + " FROM "
                            + t.table()
                            + where,
                        ps -> {});
                long deleted = Sql.update(c, "DELETE FROM " + t.table() + where, ps -> {});
                if (copied != deleted) {
                  throw new RetryTransaction(
                      "a concurrent writer changed " + t.table() + " while its rows were skipped");
                }
                return copied;
              });
      moved.put(t.table(), count);
    }
    return moved;
  }

  private long skippable(Connection c, int position) throws SQLException {
    String table = spec.tables().get(position).table();
    return Sql.queryLong(
        c, "SELECT COUNT(*) FROM " + table + " WHERE " + condition(position), ps -> {});
  }

  /** Rows in the skipped tables now, per spec table. */
  Map<String, Long> skippedNow() {
    return db.read(
        "counting the skipped rows",
        c -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          List<Column> tables = spec.tables();
          for (int i = 0; i < tables.size(); i++) {
            if (TableShape.stored(c, RekeyDdl.skippedTable(i)).isPresent()) {
              counts.put(
                  tables.get(i).table(),
                  Sql.queryLong(c, "SELECT COUNT(*) FROM " + RekeyDdl.skippedTable(i), ps -> {}));
            }
          }
          return counts;
        });
  }

  /** Moves the skipped rows back and drops their tables (rollback). */
  void restoreAll() {
    List<Column> tables = spec.tables();
    for (int i = 0; i < tables.size(); i++) {
      String from = RekeyDdl.skippedTable(i);
      Column t = tables.get(i);
      if (db.read("reading " + from, c -> TableShape.stored(c, from)).isEmpty()) {
        continue;
      }
      String columns = originalColumns(t);
      db.inTransaction(
          "moving the skipped rows of " + from + " back to " + t.table(),
          c -> {
            Sql.update(
                c,
                "INSERT INTO "
                    + t.table()
                    + " ("
                    + columns
                    + ") SELECT "
                    + columns
                    + " FROM "
                    + from,
                ps -> {});
            Sql.update(c, "DELETE FROM " + from, ps -> {});
            return null;
          });
      db.read("dropping " + from, c -> Sql.update(c, ddl.dropTable(from), ps -> {}));
    }
  }

  /** The table's columns, quoted as stored, without the new column. */
  private String originalColumns(Column t) {
    return db.read(
        "reading the columns of " + t.table(),
        c -> {
          String q = c.getMetaData().getIdentifierQuoteString().trim();
          return String.join(
              ", ",
              TableShape.require(c, t.table()).columns().stream()
                  .filter(x -> !x.equalsIgnoreCase(spec.newColumn()))
                  .map(x -> q + x + q)
                  .toList());
        });
  }

  /** Which rows of the spec table at {@code position} are skipped (columns named by table). */
  private String condition(int position) {
    Column t = spec.tables().get(position);
    String own = t.table() + "." + t.column();
    String refused =
        "EXISTS (SELECT 1 FROM "
            + ENTITIES
            + " e WHERE e.external_id = "
            + own
            + " AND e.outcome = "
            + RekeyEntities.REFUSED
            + ")";
    String base = "(" + own + " IS NULL OR " + refused;
    if (position == 0) {
      return base + ")";
    }
    Column p = spec.parent();
    return base
        + " OR NOT EXISTS (SELECT 1 FROM "
        + p.table()
        + " p WHERE p."
        + p.column()
        + " = "
        + own
        + "))";
  }
}
