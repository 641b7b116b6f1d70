package org.idminter.migrate.rekey;

import java.util.List;
import org.idminter.migrate.engine.SqlNames;
import org.idminter.migrate.engine.TableShape;
import org.idminter.store.dialect.Dialect;

/**
 * The rekey migration's own tables and the schema changes it makes, as each database spells them.
 * Everything it creates is named here: the staging table of entities, the table of run facts, one
 * table per spec table for the rows skipped as refused, and per table the foreign key, the index on
 * the new column and the unique index kept on the old key (so the application's lookups by external
 * ID stay fast until {@code finish}).
 */
final class RekeyDdl {
  /** One row per parent entity: its time, number, internal ID and what became of it. */
  static final String ENTITIES = "idminter_rekey_entities";

  /** Facts about the run that must survive a crash: when it started, the spec, rows before. */
  static final String FACTS = "idminter_rekey_facts";

  private final String family;

  RekeyDdl(Dialect dialect) {
    this.family = dialect.migrationFolder();
  }

  boolean mysql() {
    return family.equals("mysql");
  }

  /** Where rows of the spec table at {@code position} (0 the parent) are kept when skipped. */
  static String skippedTable(int position) {
    return "idminter_rekey_skipped_" + position;
  }

  static String foreignKey(String table) {
    return name("irk_fk_", table);
  }

  static String newIndex(String table) {
    return name("irk_ix_", table);
  }

  static String oldKeyIndex(String table) {
    return name("irk_old_", table);
  }

  private static String name(String prefix, String table) {
    return SqlNames.bounded(prefix, table);
  }

  private String bigint() {
    return mysql() ? "BIGINT UNSIGNED" : "BIGINT";
  }

  /**
   * The staging table, created from the parent's column so the external IDs keep its type and
   * collation (comparisons with the spec's tables stay within one collation).
   */
  String createEntities(String parentTable, String parentColumn) {
    String select = " SELECT p." + parentColumn + " AS external_id";
    String from = " FROM " + parentTable + " p WHERE 1 = 0";
    if (mysql()) {
      // MySQL gives CAST(NULL AS SIGNED) a narrow type; it takes declared columns beside a SELECT.
      return "CREATE TABLE IF NOT EXISTS "
          + ENTITIES
          + " (created_ms BIGINT NULL, num BIGINT NULL, internal_id BIGINT NULL, outcome INT NULL)"
          + select
          + from;
    }
    String n = "CAST(NULL AS BIGINT)";
    return "CREATE TABLE IF NOT EXISTS "
        + ENTITIES
        + " AS"
        + select
        + ", "
        + n
        + " AS created_ms, "
        + n
        + " AS num, "
        + n
        + " AS internal_id, "
        + n
        + " AS outcome"
        + from;
  }

  /**
   * Fills {@code newColumn} of {@code table} for the rows whose {@code column} lies between two
   * bound external IDs, from the staging table: a join on MySQL/MariaDB and PostgreSQL (a dependent
   * subquery per row was the fill's largest cost on MariaDB), a correlated subquery on H2.
   */
  String fillRange(String table, String column, String newColumn) {
    String range = " t." + column + " >= ? AND t." + column + " <= ?";
    return switch (family) {
      case "mysql" ->
          "UPDATE "
              + table
              + " t JOIN "
              + ENTITIES
              + " e ON e.external_id = t."
              + column
              + " SET t."
              + newColumn
              + " = e.internal_id WHERE"
              + range;
      case "postgresql" ->
          "UPDATE "
              + table
              + " t SET "
              + newColumn
              + " = e.internal_id FROM "
              + ENTITIES
              + " e WHERE e.external_id = t."
              + column
              + " AND"
              + range;
      default ->
          "UPDATE "
              + table
              + " t SET "
              + newColumn
              + " = (SELECT e.internal_id FROM "
              + ENTITIES
              + " e WHERE e.external_id = t."
              + column
              + ") WHERE"
              + range;
    };
  }

  String setNotNull(String table, String column) {
    if (mysql()) {
      // MySQL restates the type; only the internal ID column is ever changed this way.
      return "ALTER TABLE " + table + " MODIFY " + column + " " + bigint() + " NOT NULL";
    }
    return "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET NOT NULL";
  }

  String addColumn(String table, String column) {
    return "ALTER TABLE " + table + " ADD COLUMN " + column + " " + bigint() + " NULL";
  }

  String dropColumn(String table, String column) {
    return "ALTER TABLE " + table + " DROP COLUMN " + column;
  }

  /** Replaces the primary key of {@code table} with one on {@code columns}. */
  List<String> replacePrimaryKey(String table, TableShape shape, List<String> columns) {
    String add = "ADD PRIMARY KEY (" + String.join(", ", columns) + ")";
    if (shape.primaryKey().isEmpty()) {
      return List.of("ALTER TABLE " + table + " " + add);
    }
    String drop =
        family.equals("postgresql")
            ? "DROP CONSTRAINT " + shape.primaryKeyName().get()
            : "DROP PRIMARY KEY";
    return List.of("ALTER TABLE " + table + " " + drop, "ALTER TABLE " + table + " " + add);
  }

  String addPrimaryKey(String table, List<String> columns) {
    return "ALTER TABLE " + table + " ADD PRIMARY KEY (" + String.join(", ", columns) + ")";
  }

  String addForeignKey(String table, String column) {
    return "ALTER TABLE "
        + table
        + " ADD CONSTRAINT "
        + foreignKey(table)
        + " FOREIGN KEY ("
        + column
        + ") REFERENCES entity_id_mapping (internal_id)";
  }

  /**
   * Whether the switch adds its foreign keys without the database checking the rows (MySQL and
   * MariaDB with {@code foreign_key_checks} off): their rebuild of a table then sorts it into its
   * new key in place instead of copying it row by row (a third of the switch's time), and the
   * switch checks the rows itself with {@link #unregisteredIds}.
   */
  boolean addsForeignKeysUnchecked() {
    return mysql();
  }

  /** Turns the session's foreign-key checks off or on (MySQL and MariaDB only). */
  static String foreignKeyChecks(boolean on) {
    return "SET foreign_key_checks = " + (on ? 1 : 0);
  }

  /** Up to five values of {@code table.column} that name no row of entity_id_mapping. */
  static String unregisteredIds(String table, String column) {
    return "SELECT DISTINCT t."
        + column
        + " FROM "
        + table
        + " t LEFT JOIN entity_id_mapping m ON m.internal_id = t."
        + column
        + " WHERE m.internal_id IS NULL LIMIT 5";
  }

  String dropForeignKey(String table) {
    return "ALTER TABLE "
        + table
        + (mysql() ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ")
        + foreignKey(table);
  }

  String createIndex(String index, String table, List<String> columns, boolean unique) {
    return "CREATE "
        + (unique ? "UNIQUE " : "")
        + "INDEX "
        + index
        + " ON "
        + table
        + " ("
        + String.join(", ", columns)
        + ")";
  }

  String dropIndex(String index, String table) {
    return mysql() ? "DROP INDEX " + index + " ON " + table : "DROP INDEX " + index;
  }

  /**
   * A table's changes as few statements as the database allows: on MySQL/MariaDB one ALTER TABLE
   * with every change as a clause (the table is rebuilt once rather than once per change, and the
   * switch of a table is a single statement); elsewhere the statements as they are, which the
   * caller runs in one transaction (atomic on PostgreSQL).
   */
  List<String> together(String table, List<String> statements) {
    if (!mysql() || statements.size() < 2) {
      return statements;
    }
    String alter = "ALTER TABLE " + table + " ";
    java.util.regex.Pattern create =
        java.util.regex.Pattern.compile(
            "CREATE (UNIQUE )?INDEX (\\S+) ON "
                + java.util.regex.Pattern.quote(table)
                + " (\\(.*\\))",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    List<String> clauses = new java.util.ArrayList<>();
    for (String sql : statements) {
      java.util.regex.Matcher m = create.matcher(sql);
      if (sql.regionMatches(true, 0, alter, 0, alter.length())) {
        clauses.add(sql.substring(alter.length()));
      } else if (m.matches()) {
        clauses.add(
            "ADD "
                + (m.group(1) == null ? "" : "UNIQUE ")
                + "INDEX "
                + m.group(2)
                + " "
                + m.group(3));
      } else if (sql.equalsIgnoreCase("DROP INDEX " + sql.split(" ")[2] + " ON " + table)) {
        clauses.add("DROP INDEX " + sql.split(" ")[2]);
      } else {
        throw new IllegalStateException("not a change of " + table + ": " + sql);
      }
    }
    return List.of(alter + String.join(", ", clauses));
  }

  String dropTable(String table) {
    return "DROP TABLE IF EXISTS " + table;
  }
}
