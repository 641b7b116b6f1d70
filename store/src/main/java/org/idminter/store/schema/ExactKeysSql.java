package org.idminter.store.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.idminter.store.schema.ExactKeysPlan.KeyColumn;
import org.idminter.store.schema.ExactKeysPlan.TableRows;
import org.idminter.store.sql.Sql;

/** The statements of the exact-keys conversion (MySQL and MariaDB). */
final class ExactKeysSql {
  private ExactKeysSql() {}

  static final String STATE = "idminter_exact_keys";

  /** idminter's tables and their key columns (tables that are not there are skipped). */
  static final Map<String, List<String>> KEY_COLUMNS = new LinkedHashMap<>();

  static {
    List<String> key = List.of("OntologyType", "SourceSystem", "SourceId");
    List<String> withPredecessor =
        List.of(
            "OntologyType",
            "SourceSystem",
            "SourceId",
            "PredecessorOntologyType",
            "PredecessorSourceSystem",
            "PredecessorSourceId");
    KEY_COLUMNS.put("identifiers", key);
    KEY_COLUMNS.put("identifier_inheritance", withPredecessor);
    KEY_COLUMNS.put("identifier_history", key);
    KEY_COLUMNS.put("source_system_aliases", List.of("Alias", "CanonicalSystem"));
    KEY_COLUMNS.put("source_system_alias_saved", withPredecessor);
  }

  /**
   * One {@code ALTER TABLE … MODIFY} of {@code cols}, each to the character set and collation
   * {@code charsetCollate} gives it ("utf8mb4 COLLATE utf8mb4_nopad_bin").
   */
  static Void alter(
      Connection c,
      String table,
      List<KeyColumn> cols,
      java.util.function.Function<KeyColumn, String> charsetCollate)
      throws SQLException {
    Sql.update(
        c,
        "ALTER TABLE "
            + table
            + " "
            + cols.stream()
                .map(
                    k ->
                        "MODIFY "
                            + k.column()
                            + " "
                            + k.type()
                            + " CHARACTER SET "
                            + charsetCollate.apply(k)
                            + (k.nullable() ? " NULL" : " NOT NULL"))
                .collect(Collectors.joining(", ")),
        ps -> {});
    return null;
  }

  static String notRoundTripping(String column, String charset) {
    return "CAST(CONVERT(CONVERT("
        + column
        + " USING utf8mb4) USING "
        + charset
        + ") AS BINARY) <> CAST("
        + column
        + " AS BINARY)";
  }

  /** Up to 100 values of {@code k} matching {@code fromWhere}, each with its column named. */
  static List<String> values(Connection c, KeyColumn k, String fromWhere) throws SQLException {
    return Sql.query(
        c,
        "SELECT CONVERT(" + k.column() + " USING utf8mb4)" + fromWhere + " LIMIT 100",
        ps -> {},
        rs -> k.table() + "." + k.column() + " = " + rs.getString(1));
  }

  static List<KeyColumn> columns(Connection c) throws SQLException {
    List<KeyColumn> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> t : KEY_COLUMNS.entrySet()) {
      out.addAll(
          Sql.query(
                  c,
                  "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME,"
                      + " IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA ="
                      + " DATABASE() AND TABLE_NAME = ?",
                  ps -> ps.setString(1, t.getKey()),
                  rs ->
                      new KeyColumn(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getString(6).equals("YES")))
              .stream()
              .filter(k -> t.getValue().contains(k.column()))
              .sorted((a, b) -> t.getValue().indexOf(a.column()) - t.getValue().indexOf(b.column()))
              .toList());
    }
    return out;
  }

  static List<TableRows> rows(Connection c, List<KeyColumn> cols) throws SQLException {
    List<TableRows> out = new ArrayList<>();
    for (String table : tablesOf(cols)) {
      out.add(rows(c, table, columnsOf(cols, table)));
    }
    return out;
  }

  /** The table's row count and the sum of CRC32s of its key columns' text (as UTF-8). */
  static TableRows rows(Connection c, String table, List<KeyColumn> cols) throws SQLException {
    String text =
        cols.stream()
            .map(KeyColumn::column)
            .sorted() // one order, however the columns were listed
            .map(col -> "COALESCE(CONVERT(" + col + " USING utf8mb4), '')")
            .collect(Collectors.joining(", "));
    return Sql.query(
            c,
            "SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS('|', " + text + "))), 0) FROM " + table,
            ps -> {},
            rs -> new TableRows(table, rs.getLong(1), rs.getLong(2)))
        .get(0);
  }

  static void record(Connection c, ExactKeysPlan plan) throws SQLException {
    if (hasTable(c, STATE)) {
      if (Sql.queryLong(c, "SELECT COUNT(*) FROM " + STATE, ps -> {}) > 0) {
        return; // a stopped apply recorded the original definitions: keep them
      }
      Sql.update(c, "DROP TABLE " + STATE, ps -> {}); // stopped between creating and filling it
    }
    Sql.update(
        c,
        "CREATE TABLE "
            + STATE
            + " (TableName varchar(64) NOT NULL, ColumnName varchar(64) NOT NULL, ColumnType"
            + " varchar(64) NOT NULL, CharsetName varchar(64) NOT NULL, CollationName varchar(64)"
            + " NOT NULL, Nullable int NOT NULL, RowCount BIGINT NOT NULL, Checksum BIGINT NOT"
            + " NULL, RowsAfter BIGINT, ChecksumAfter BIGINT, PRIMARY KEY (TableName,"
            + " ColumnName)) ENGINE=InnoDB",
        ps -> {});
    Map<String, TableRows> rows = new LinkedHashMap<>();
    rows(c, plan.columns()).forEach(t -> rows.put(t.table(), t));
    c.setAutoCommit(false);
    try {
      Sql.batch(
          c,
          "INSERT INTO " + STATE + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
          plan.columns(),
          (ps, k) -> {
            ps.setString(1, k.table());
            ps.setString(2, k.column());
            ps.setString(3, k.type());
            ps.setString(4, k.charset());
            ps.setString(5, k.collation());
            ps.setInt(6, k.nullable() ? 1 : 0);
            ps.setLong(7, rows.get(k.table()).rows());
            ps.setLong(8, rows.get(k.table()).checksum());
          });
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
  }

  static List<KeyColumn> recorded(Connection c) throws SQLException {
    return Sql.query(
        c,
        "SELECT TableName, ColumnName, ColumnType, CharsetName, CollationName, Nullable FROM "
            + STATE
            + " ORDER BY TableName, ColumnName",
        ps -> {},
        rs ->
            new KeyColumn(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6) == 1));
  }

  /** Per table: its name, "rows checksum" before the conversion and after it. */
  static List<String[]> conservation(Connection c) throws SQLException {
    return Sql.query(
        c,
        "SELECT TableName, MIN(RowCount), MIN(Checksum), MIN(RowsAfter), MIN(ChecksumAfter) FROM "
            + STATE
            + " GROUP BY TableName ORDER BY TableName",
        ps -> {},
        rs ->
            new String[] {
              rs.getString(1),
              rs.getString(2) + " " + rs.getString(3),
              rs.getString(4) + " " + rs.getString(5)
            });
  }

  static boolean hasTable(Connection c, String table) throws SQLException {
    return Sql.queryLong(
            c,
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND"
                + " TABLE_NAME = ?",
            ps -> ps.setString(1, table))
        > 0;
  }

  static List<String> tablesOf(List<KeyColumn> cols) {
    return cols.stream().map(KeyColumn::table).distinct().toList();
  }

  static List<KeyColumn> columnsOf(List<KeyColumn> cols, String table) {
    return cols.stream().filter(k -> k.table().equals(table)).toList();
  }
}
