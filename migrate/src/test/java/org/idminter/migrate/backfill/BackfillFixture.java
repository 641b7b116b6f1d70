package org.idminter.migrate.backfill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.idminter.store.testing.TestDatabase;

/**
 * The tables the backfill tests start from, and plain-JDBC reads of them: {@code jobs} (integer
 * key, ISO-8601 text times, some shared, out of key order) and {@code sessions} (text key, epoch
 * millisecond times).
 */
final class BackfillFixture {
  static final Instant BASE = Instant.parse("2024-05-01T12:00:00Z");
  static final int JOBS = 120;

  private final TestDatabase db;

  BackfillFixture(TestDatabase db) {
    this.db = db;
  }

  /** Drops the fixture's tables and every backfill table. */
  void reset() {
    for (String t :
        List.of(
            "jobs",
            "sessions",
            "idminter_backfill_state",
            "idminter_backfill_facts",
            "idminter_backfill_keys",
            "idminter_backfill_order")) {
      db.execute("DROP TABLE IF EXISTS " + t);
    }
  }

  /** The time of job {@code i}: three jobs share each millisecond, out of key order. */
  static Instant jobTime(int i) {
    return BASE.plusMillis((i * 37L) % 40);
  }

  void seedJobs() {
    db.execute(
        "CREATE TABLE jobs (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL,"
            + " created_at VARCHAR(40))");
    StringBuilder sql = new StringBuilder("INSERT INTO jobs (id, name, created_at) VALUES ");
    for (int i = 1; i <= JOBS; i++) {
      sql.append(i == 1 ? "" : ", ")
          .append("(")
          .append(i)
          .append(", 'job ")
          .append(i)
          .append("', '")
          .append(jobTime(i))
          .append("')");
    }
    db.execute(sql.toString());
  }

  void seedSessions() {
    db.execute(
        "CREATE TABLE sessions (token VARCHAR(36) NOT NULL PRIMARY KEY, started BIGINT NOT NULL)");
    StringBuilder sql = new StringBuilder("INSERT INTO sessions (token, started) VALUES ");
    for (int i = 0; i < 50; i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("('")
          .append(String.format("s-%08x", i * 2654435761L & 0xffffffffL))
          .append("', ")
          .append(BASE.toEpochMilli() + (i % 7))
          .append(")");
    }
    db.execute(sql.toString());
  }

  void execute(String... sql) {
    db.execute(sql);
  }

  /** Each row of {@code sql}, its columns joined by a space. */
  List<String> rows(String sql) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i == 1 ? "" : " ").append(rs.getString(i));
        }
        out.add(row.toString());
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  long count(String sql) {
    return Long.parseLong(rows(sql).get(0));
  }

  /** Whether {@code table} has a column {@code column} (any case). */
  boolean hasColumn(String table, String column) {
    try (Connection c = db.connect();
        ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), null, null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)
            && rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
          return true;
        }
      }
      return false;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
