package org.idminter.migrate.backfill;

import org.idminter.migrate.backfill.BackfillSpec.Scheme;
import org.idminter.migrate.engine.FactTable;
import org.idminter.migrate.engine.SqlNames;
import org.idminter.migrate.engine.StateTable;
import org.idminter.store.dialect.Dialect;

/**
 * The backfill's own tables and the schema changes it makes, as each database spells them: the
 * state and facts tables, the staging table of keys ({@code k}, the row's time {@code ms}, and
 * {@code held}: 1 where the row already had a value, and the round it was staged in), the order
 * table that numbers the rows filled by time then key with the value each was given, the column and
 * its unique index.
 */
final class BackfillDdl {
  static final StateTable STATE = new StateTable("idminter_backfill_state", java.util.List.of());
  static final FactTable FACTS = new FactTable("idminter_backfill_facts");
  static final String KEYS = "idminter_backfill_keys";
  static final String ORDER = "idminter_backfill_order";

  private final String family;

  BackfillDdl(Dialect dialect) {
    this.family = dialect.migrationFolder();
  }

  boolean sqlite() {
    return family.equals("sqlite");
  }

  /** The unique index a backfill adds on its column (within PostgreSQL's 63 characters). */
  static String uniqueIndex(BackfillSpec spec) {
    return SqlNames.bounded("ibf_ux_", spec.table() + "_" + spec.column());
  }

  String columnType(Scheme scheme) {
    return scheme == Scheme.ULID ? "CHAR(26)" : "BIGINT";
  }

  String addColumn(BackfillSpec spec) {
    return "ALTER TABLE "
        + spec.table()
        + " ADD COLUMN "
        + spec.column()
        + " "
        + columnType(spec.scheme())
        + " NULL";
  }

  String dropColumn(BackfillSpec spec) {
    return "ALTER TABLE " + spec.table() + " DROP COLUMN " + spec.column();
  }

  String createIndex(String index, String table, String columns, boolean unique) {
    return "CREATE "
        + (unique ? "UNIQUE " : "")
        + "INDEX "
        + index
        + " ON "
        + table
        + " ("
        + columns
        + ")";
  }

  String dropIndex(String index, String table) {
    return family.equals("mysql")
        ? "DROP INDEX " + index + " ON " + table
        : "DROP INDEX IF EXISTS " + index;
  }

  String dropTable(String table) {
    return "DROP TABLE IF EXISTS " + table;
  }

  /**
   * The staging table, created from the target's key so it keeps its type (and collation): {@code
   * k}, {@code ms} (the row's time; NULL until read, -1 where unreadable, -2 where the row is
   * gone), {@code held} and {@code rnd} (0 for the rows staged first, then 1, 2… for each round of
   * rows inserted meanwhile).
   */
  String createKeys(String table, String key) {
    return createFrom(
        KEYS, "t." + key + " AS k", "ms BIGINT NULL, held INT NULL, rnd INT NULL", table + " t");
  }

  /**
   * The order table: {@code ord} numbers the rows filled, by round, then time, then key; {@code v}
   * is the value apply gave each (rollback clears only values that are still apply's).
   */
  String createOrder(Scheme scheme) {
    return createFrom(
        ORDER,
        "s.k AS k, s.ms AS ms",
        orderClustered()
            ? "ord BIGINT NOT NULL DEFAULT 0, v " + columnType(scheme) + " NULL, PRIMARY KEY (ord)"
            : "ord BIGINT NULL, v " + columnType(scheme) + " NULL",
        KEYS + " s");
  }

  /**
   * Whether the order table is stored in {@code ord} order (its primary key), as MySQL and MariaDB
   * can declare beside a {@code CREATE … SELECT}: each chunk's rows are then together on disk (the
   * joined UPDATE of a chunk about 12% faster). Elsewhere a unique index on {@code ord}.
   */
  boolean orderClustered() {
    return family.equals("mysql");
  }

  /**
   * {@code CREATE TABLE name AS SELECT selected, extra…} with no rows, as each database says it.
   */
  private String createFrom(String name, String selected, String extra, String from) {
    if (family.equals("mysql")) {
      // MySQL takes declared columns beside a SELECT (a CAST(NULL AS SIGNED) would be narrow).
      return "CREATE TABLE IF NOT EXISTS "
          + name
          + " ("
          + extra
          + ") SELECT "
          + selected
          + " FROM "
          + from
          + " WHERE 1 = 0";
    }
    StringBuilder casts = new StringBuilder();
    for (String column : extra.split(", ")) {
      String[] parts = column.split(" ");
      casts.append(", CAST(NULL AS ").append(parts[1]).append(") AS ").append(parts[0]);
    }
    return "CREATE TABLE IF NOT EXISTS "
        + name
        + " AS SELECT "
        + selected
        + casts
        + " FROM "
        + from
        + " WHERE 1 = 0";
  }

  /** A consistent copy of the SQLite file, taken while it is open (the one statement that can). */
  String backup() {
    return "VACUUM INTO ?";
  }
}
