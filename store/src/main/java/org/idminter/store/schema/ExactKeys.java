package org.idminter.store.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    List<KeyColumn> all = ExactKeysSql.columns(c);
    List<KeyColumn> convert = all.stream().filter(k -> !k.collation().equals(target)).toList();
    List<String> reEncoded = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (KeyColumn k : convert) {
      if (k.charset().equals("utf8mb4")) {
        continue;
      }
      String where = " FROM " + k.table() + " WHERE " + k.column() + " IS NOT NULL AND ";
      reEncoded.addAll(
          ExactKeysSql.values(
              c,
              k,
              where
                  + "LENGTH(CONVERT("
                  + k.column()
                  + " USING utf8mb4)) <> LENGTH("
                  + k.column()
                  + ")"));
      broken.addAll(
          ExactKeysSql.values(
              c, k, where + ExactKeysSql.notRoundTripping(k.column(), k.charset())));
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
        ExactKeysSql.rows(c, convert),
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
                ExactKeysSql.hasTable(c, ExactKeysSql.STATE)
                    && Sql.queryLong(
                            c,
                            "SELECT COUNT(*) FROM "
                                + ExactKeysSql.STATE
                                + " WHERE RowsAfter IS NULL",
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
                  ExactKeysSql.record(c, plan);
                  return null;
                });
          }
          for (String table : ExactKeysSql.tablesOf(plan.columns())) {
            List<KeyColumn> cols = ExactKeysSql.columnsOf(plan.columns(), table);
            db.session(
                "converting the key columns of " + table,
                c -> ExactKeysSql.alter(c, table, cols, k -> "utf8mb4 COLLATE " + plan.target()));
          }
          // Conservation, still under the lock: every row kept, every key's text unchanged.
          db.session(
              "counting the converted rows",
              c -> {
                List<KeyColumn> recorded = ExactKeysSql.recorded(c);
                for (String table : ExactKeysSql.tablesOf(recorded)) {
                  TableRows after =
                      ExactKeysSql.rows(c, table, ExactKeysSql.columnsOf(recorded, table));
                  Sql.update(
                      c,
                      "UPDATE "
                          + ExactKeysSql.STATE
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
          if (!ExactKeysSql.hasTable(c, ExactKeysSql.STATE)) {
            problems.add("no conversion is recorded (run `schema exact-keys apply`)");
            return problems;
          }
          String target = targetCollation(c);
          List<KeyColumn> recorded = ExactKeysSql.recorded(c);
          if (recorded.isEmpty()) {
            problems.add("the conversion's record is empty (run `schema exact-keys apply` again)");
          }
          Map<String, KeyColumn> now = new LinkedHashMap<>();
          ExactKeysSql.columns(c).forEach(k -> now.put(k.table() + "." + k.column(), k));
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
          for (String[] t : ExactKeysSql.conservation(c)) {
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
                  c ->
                      ExactKeysSql.hasTable(c, ExactKeysSql.STATE)
                          ? ExactKeysSql.recorded(c)
                          : List.<KeyColumn>of());
          if (recorded.isEmpty()) {
            throw new IdMinterException(
                ErrorCode.NOT_FOUND, "no exact-keys conversion is recorded; nothing was changed");
          }
          List<String> refusals =
              db.read("checking the rollback", c -> ExactKeysChecks.rollbackRefusals(c, recorded));
          if (!refusals.isEmpty()) {
            throw refused("cannot roll the key columns back: " + String.join("; ", refusals));
          }
          for (String table : ExactKeysSql.tablesOf(recorded)) {
            List<KeyColumn> cols = ExactKeysSql.columnsOf(recorded, table);
            db.session(
                "converting the key columns of " + table + " back",
                c ->
                    ExactKeysSql.alter(
                        c, table, cols, k -> k.charset() + " COLLATE " + k.collation()));
          }
          db.session(
              "forgetting the conversion",
              c -> Sql.update(c, "DROP TABLE " + ExactKeysSql.STATE, ps -> {}));
          return "rolled back: "
              + recorded.size()
              + " key column(s) in "
              + ExactKeysSql.tablesOf(recorded)
              + " compare as before";
        });
  }

  private String targetCollation(Connection c) throws SQLException {
    return db.dialect().migrationPlaceholders(c.getMetaData()).get("keyCollation");
  }

  private static IdMinterException refused(String why) {
    return new IdMinterException(ErrorCode.REFUSED, why + "; nothing was changed");
  }
}
