package org.idminter.migrate.rekey;

import static org.idminter.migrate.rekey.RekeyDdl.ENTITIES;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.idminter.migrate.engine.Keyset;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Adds the new column to every table and fills it from the staging table: a range of external IDs
 * per transaction (the staging table's next chunk of keys), committing the cursor (table and last
 * key) with it, then one sweep per table for any row the ranges missed or that changed meanwhile.
 * Values come from the staging table, created from the parent's own column, so no comparison
 * crosses collations with idminter's registry.
 */
final class RekeyFill {
  private final Database db;
  private final RekeyDdl ddl;
  private final RekeySpec spec;
  private final int chunk;

  RekeyFill(Database db, RekeyDdl ddl, RekeySpec spec, int chunk) {
    this.db = db;
    this.ddl = ddl;
    this.spec = spec;
    this.chunk = chunk;
  }

  /** Adds the column where it is missing (nullable until the switch). */
  void addColumns() {
    for (Column t : spec.tables()) {
      boolean has =
          db.read("reading " + t.table(), c -> TableShape.require(c, t.table()))
              .hasColumn(spec.newColumn());
      if (!has) {
        db.read(
            "adding " + t.table() + "." + spec.newColumn(),
            c -> Sql.update(c, ddl.addColumn(t.table(), spec.newColumn()), ps -> {}));
      }
    }
  }

  /** Fills every table from the cursor {@code TABLE_POSITION|LAST_KEY} on. */
  void fillAll(PhaseRun run) {
    List<Column> tables = spec.tables();
    String cursor = run.resumeCursor().orElse("0|");
    int first = Integer.parseInt(cursor.substring(0, cursor.indexOf('|')));
    String resumeAfter = cursor.substring(cursor.indexOf('|') + 1);
    for (int i = first; i < tables.size(); i++) {
      Column t = tables.get(i);
      int position = i;
      String after = i == first && !resumeAfter.isEmpty() ? resumeAfter : null;
      while (true) {
        run.awaitCapacity();
        String from = after;
        String last =
            db.inTransaction(
                "filling " + t.table() + "." + spec.newColumn(),
                c -> {
                  List<String[]> keys =
                      Keyset.page(c, "external_id", ENTITIES, "external_id", "", 1, chunk, from);
                  if (keys.isEmpty()) {
                    return null;
                  }
                  String lo = keys.get(0)[0];
                  String hi = keys.get(keys.size() - 1)[0];
                  Sql.update(
                      c,
                      ddl.fillRange(t.table(), t.column(), spec.newColumn()),
                      ps -> {
                        ps.setString(1, lo);
                        ps.setString(2, hi);
                      });
                  run.checkpoint(c, position + "|" + hi);
                  return keys.size() < chunk ? null : hi;
                });
        if (last == null) {
          break;
        }
        after = last;
      }
      db.inTransaction(
          "checking every row of " + t.table() + " has its internal ID",
          c -> {
            sweep(c, t, false);
            run.checkpoint(c, (position + 1) + "|");
            return null;
          });
    }
  }

  /** Fills every row of every table whose new column is missing (or also stale). */
  void sweepAll(boolean stale) {
    for (Column t : spec.tables()) {
      db.inTransaction(
          "filling the rows of " + t.table() + " written during apply", c -> sweep(c, t, stale));
    }
  }

  /** Rows of all tables without an internal ID. */
  long unfilled() {
    long n = 0;
    for (Column t : spec.tables()) {
      n +=
          db.read(
              "counting the rows of " + t.table() + " without an internal ID",
              c ->
                  Sql.queryLong(
                      c,
                      "SELECT COUNT(*) FROM "
                          + t.table()
                          + " WHERE "
                          + spec.newColumn()
                          + " IS NULL",
                      ps -> {}));
    }
    return n;
  }

  /**
   * Sets the new column where it is NULL, and with {@code stale} also where it does not hold the
   * staged internal ID of the row's entity (the row moved to another entity meanwhile).
   */
  private long sweep(Connection c, Column t, boolean stale) throws SQLException {
    String own = t.table() + "." + t.column();
    String newColumn = t.table() + "." + spec.newColumn();
    String which =
        stale
            ? " AND NOT EXISTS (SELECT 1 FROM "
                + ENTITIES
                + " e WHERE e.external_id = "
                + own
                + " AND e.internal_id = "
                + newColumn
                + ")"
            : " AND " + newColumn + " IS NULL";
    return Sql.update(
        c,
        "UPDATE "
            + t.table()
            + " SET "
            + spec.newColumn()
            + " = "
            + lookup(t)
            + " WHERE "
            + own
            + " IS NOT NULL"
            + which,
        ps -> {});
  }

  private static String lookup(Column t) {
    return "(SELECT e.internal_id FROM "
        + ENTITIES
        + " e WHERE e.external_id = "
        + t.table()
        + "."
        + t.column()
        + ")";
  }
}
