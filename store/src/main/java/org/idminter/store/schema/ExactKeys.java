package org.idminter.store.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.store.jdbc.Database;
import org.idminter.store.keyspace.KeySpace;
import org.idminter.store.schema.ExactKeysPlan.KeyColumn;
import org.idminter.store.schema.ExactKeysPlan.TableRows;
import org.idminter.store.sql.Sql;

/**
 * Converts the key columns of a MySQL/MariaDB database made by the Python id_minter (latin1,
 * case-insensitive) to the exact comparison idminter uses on new schemas (utf8mb4, binary without
 * padding). In place: one {@code ALTER TABLE … MODIFY} per table, which InnoDB carries out as a
 * copy it swaps in atomically (writers wait, readers go on); no second copy of the data to keep in
 * step, no window in which rows are elsewhere. The columns' original definitions, row counts and
 * checksums are recorded first ({@code idminter_exact_keys}), so a stop between tables resumes,
 * verify proves every row kept its text, and rollback converts back. PostgreSQL and H2 compare text
 * exactly already.
 */
public final class ExactKeys {
  private static final String STATE = "idminter_exact_keys";

  /** idminter's tables and their key columns (tables that are not there are skipped). */
  private static final Map<String, List<String>> KEY_COLUMNS = new LinkedHashMap<>();

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

  private final Database db;
  private final KeySpace keySpace;
  private final Runnable schemaCheck;

  /** {@code schemaCheck} throws unless the schema is current (apply and rollback take its lock). */
  public ExactKeys(Database db, KeySpace keySpace, Runnable schemaCheck) {
    this.db = db;
    this.keySpace = keySpace;
    this.schemaCheck = schemaCheck;
  }

  private boolean mysql() {
    return db.dialect().migrationFolder().equals("mysql");
  }

  /** What apply would convert; writes nothing. */
  public ExactKeysPlan plan() {
    if (!mysql()) {
      return new ExactKeysPlan(
          db.dialect().name(),
          true,
          "",
          "nothing to do: " + db.dialect().name() + " compares text exactly",
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of());
    }
    return db.read("planning the exact-keys conversion", this::plan);
  }

  private ExactKeysPlan plan(Connection c) throws SQLException {
    String target = targetCollation(c);
    List<KeyColumn> all = columns(c);
    List<KeyColumn> convert = all.stream().filter(k -> !k.collation().equals(target)).toList();
    List<String> reEncoded = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (KeyColumn k : convert) {
      if (k.charset().equals("utf8mb4")) {
        continue;
      }
      String where = " FROM " + k.table() + " WHERE " + k.column() + " IS NOT NULL AND ";
      reEncoded.addAll(
          values(
              c,
              k,
              where
                  + "LENGTH(CONVERT("
                  + k.column()
                  + " USING utf8mb4)) <> LENGTH("
                  + k.column()
                  + ")"));
      broken.addAll(values(c, k, where + notRoundTripping(k.column(), k.charset())));
    }
    List<String> refusals = new ArrayList<>();
    if (!broken.isEmpty()) {
      refusals.add(
          broken.size()
              + " value(s) would not survive the conversion to utf8mb4 (listed): correct them"
              + " first");
    }
    return new ExactKeysPlan(
        db.dialect().name(),
        convert.isEmpty(),
        target,
        "in place: one ALTER TABLE … MODIFY per table (InnoDB copies the table and swaps it in"
            + " atomically; writers wait for it, readers go on)",
        convert,
        rows(c, convert),
        reEncoded,
        broken,
        refusals);
  }

  /**
   * Converts every key column that does not compare exactly, under the key space's exclusive lock
   * (one operator at a time; minters wait). Refused, changing nothing, when the plan is. Resumes
   * after a stop; run again when done, changes nothing.
   */
  public ExactKeysPlan apply() {
    ExactKeysPlan plan = plan();
    if (!plan.refusals().isEmpty()) {
      throw refused("cannot convert the key columns: " + String.join("; ", plan.refusals()));
    }
    if (!mysql()) {
      return plan;
    }
    boolean uncounted =
        db.read(
            "reading the recorded conversion",
            c ->
                hasTable(c, STATE)
                    && Sql.queryLong(
                            c,
                            "SELECT COUNT(*) FROM " + STATE + " WHERE RowsAfter IS NULL",
                            ps -> {})
                        > 0);
    if (plan.exactAlready() && !uncounted) {
      return plan; // converted and counted (or nothing to convert): run again, nothing changes
    }
    schemaCheck.run();
    db.inTransaction(
        "converting the key columns",
        lock -> {
          keySpace.exclusive(lock);
          if (!plan.columns().isEmpty()) {
            db.session(
                "recording the key columns",
                c -> {
                  record(c, plan);
                  return null;
                });
          }
          for (String table : tablesOf(plan.columns())) {
            List<KeyColumn> cols =
                plan.columns().stream().filter(k -> k.table().equals(table)).toList();
            db.session(
                "converting the key columns of " + table,
                c ->
                    Sql.update(
                        c,
                        "ALTER TABLE "
                            + table
                            + " "
                            + cols.stream()
                                .map(k -> modify(k, "utf8mb4", plan.target()))
                                .collect(Collectors.joining(", ")),
                        ps -> {}));
          }
          // Conservation, still under the lock: every row kept, every key's text unchanged.
          db.session(
              "counting the converted rows",
              c -> {
                List<KeyColumn> recorded = recorded(c);
                for (String table : tablesOf(recorded)) {
                  TableRows after = rows(c, table, columnsOf(recorded, table));
                  Sql.update(
                      c,
                      "UPDATE "
                          + STATE
                          + " SET RowsAfter = ?, ChecksumAfter = ? WHERE TableName = ?",
                      ps -> {
                        ps.setLong(1, after.rows());
                        ps.setLong(2, after.checksum());
                        ps.setString(3, table);
                      });
                }
                return null;
              });
          return null;
        });
    List<String> problems = verify();
    if (!problems.isEmpty()) {
      throw new IdMinterException(
          ErrorCode.UNAVAILABLE,
          "the key columns were converted but do not verify: "
              + String.join("; ", problems)
              + "; `idminter schema exact-keys rollback` converts them back");
    }
    return plan;
  }

  /**
   * Problems with the converted columns: empty when every recorded column is exact and kept its
   * rows.
   */
  public List<String> verify() {
    if (!mysql()) {
      return List.of();
    }
    return db.read(
        "verifying the exact-keys conversion",
        c -> {
          List<String> problems = new ArrayList<>();
          if (!hasTable(c, STATE)) {
            problems.add("no conversion is recorded (run `schema exact-keys apply`)");
            return problems;
          }
          String target = targetCollation(c);
          List<KeyColumn> recorded = recorded(c);
          if (recorded.isEmpty()) {
            problems.add("the conversion's record is empty (run `schema exact-keys apply` again)");
          }
          Map<String, KeyColumn> now = new LinkedHashMap<>();
          columns(c).forEach(k -> now.put(k.table() + "." + k.column(), k));
          for (KeyColumn k : recorded) {
            KeyColumn n = now.get(k.table() + "." + k.column());
            if (n == null || !n.collation().equals(target)) {
              problems.add(
                  k.table()
                      + "."
                      + k.column()
                      + " is "
                      + (n == null ? "missing" : n.collation())
                      + ", not "
                      + target);
            }
          }
          for (String[] t : conservation(c)) {
            if (!t[1].equals(t[2])) {
              problems.add(
                  t[0]
                      + ": "
                      + t[1]
                      + " before the conversion, "
                      + (t[2].equals("null null")
                          ? "not counted after it (apply stopped?)"
                          : t[2] + " after it")
                      + " (rows, checksum of the key text)");
            }
          }
          return problems;
        });
  }

  /**
   * Converts the recorded columns back to their original definitions and forgets the conversion;
   * refused, changing nothing, while a value written since would not fit the original character set
   * or would equal another under the original collation.
   */
  public String rollback() {
    if (!mysql()) {
      return "nothing to roll back: " + db.dialect().name() + " compares text exactly";
    }
    schemaCheck.run();
    return db.inTransaction(
        "rolling the key columns back",
        lock -> {
          keySpace.exclusive(lock);
          List<KeyColumn> recorded =
              db.read(
                  "reading the recorded conversion",
                  c -> hasTable(c, STATE) ? recorded(c) : List.<KeyColumn>of());
          if (recorded.isEmpty()) {
            throw new IdMinterException(
                ErrorCode.NOT_FOUND, "no exact-keys conversion is recorded; nothing was changed");
          }
          List<String> refusals =
              db.read("checking the rollback", c -> ExactKeysChecks.rollbackRefusals(c, recorded));
          if (!refusals.isEmpty()) {
            throw refused("cannot roll the key columns back: " + String.join("; ", refusals));
          }
          for (String table : tablesOf(recorded)) {
            List<KeyColumn> cols = columnsOf(recorded, table);
            db.session(
                "converting the key columns of " + table + " back",
                c ->
                    Sql.update(
                        c,
                        "ALTER TABLE "
                            + table
                            + " "
                            + cols.stream()
                                .map(k -> modify(k, k.charset(), k.collation()))
                                .collect(Collectors.joining(", ")),
                        ps -> {}));
          }
          db.session(
              "forgetting the conversion", c -> Sql.update(c, "DROP TABLE " + STATE, ps -> {}));
          return "rolled back: "
              + recorded.size()
              + " key column(s) in "
              + tablesOf(recorded)
              + " compare as before";
        });
  }

  private static String modify(KeyColumn k, String charset, String collation) {
    return "MODIFY "
        + k.column()
        + " "
        + k.type()
        + " CHARACTER SET "
        + charset
        + " COLLATE "
        + collation
        + (k.nullable() ? " NULL" : " NOT NULL");
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

  private String targetCollation(Connection c) throws SQLException {
    return db.dialect().migrationPlaceholders(c.getMetaData()).get("keyCollation");
  }

  private static List<KeyColumn> columns(Connection c) throws SQLException {
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

  private static List<TableRows> rows(Connection c, List<KeyColumn> cols) throws SQLException {
    List<TableRows> out = new ArrayList<>();
    for (String table : tablesOf(cols)) {
      out.add(rows(c, table, columnsOf(cols, table)));
    }
    return out;
  }

  /** The table's row count and the sum of CRC32s of its key columns' text (as UTF-8). */
  private static TableRows rows(Connection c, String table, List<KeyColumn> cols)
      throws SQLException {
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

  private static void record(Connection c, ExactKeysPlan plan) throws SQLException {
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

  private static List<KeyColumn> recorded(Connection c) throws SQLException {
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
  private static List<String[]> conservation(Connection c) throws SQLException {
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

  private static IdMinterException refused(String why) {
    return new IdMinterException(ErrorCode.REFUSED, why + "; nothing was changed");
  }
}
