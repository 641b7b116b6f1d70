package org.idminter.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Runs prepared statements and puts the statement's text into any error it raises, keeping the
 * SQLState and vendor code so retry decisions still work.
 */
public final class Sql {
  private Sql() {}

  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  @FunctionalInterface
  public interface RowBinder<R> {
    void bind(PreparedStatement statement, R row) throws SQLException;
  }

  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw withStatement(e, sql);
    }
  }

  public static long queryLong(Connection c, String sql, Binder binder) throws SQLException {
    List<Long> rows = query(c, sql, binder, rs -> rs.getLong(1));
    return rows.isEmpty() ? 0 : rows.get(0);
  }

  public static int update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw withStatement(e, sql);
    }
  }

  /** One JDBC batch for all rows (drivers send it as one or few round trips). */
  public static <R> void batch(Connection c, String sql, Collection<R> rows, RowBinder<R> binder)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (R row : rows) {
        binder.bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw withStatement(e, sql);
    }
  }

  /** Values per IN-list: never one giant statement. */
  public static final int MAX_IN = 1000;

  /**
   * Runs {@code before + "(?, …)" + after} once per chunk of at most {@value #MAX_IN} values and
   * returns the rows of all chunks.
   */
  public static <T> List<T> queryIn(
      Connection c, String before, List<String> values, String after, RowMapper<T> mapper)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    for (int from = 0; from < values.size(); from += MAX_IN) {
      List<String> chunk = values.subList(from, Math.min(values.size(), from + MAX_IN));
      String sql = before + "(" + placeholders(chunk.size()) + ")" + after;
      rows.addAll(
          query(
              c,
              sql,
              ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                  ps.setString(i + 1, chunk.get(i));
                }
              },
              mapper));
    }
    return rows;
  }

  /** "?, ?, ?" with n placeholders. */
  public static String placeholders(int n) {
    StringBuilder sb = new StringBuilder(n * 3);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ", ?");
    }
    return sb.toString();
  }

  private static SQLException withStatement(SQLException e, String sql) {
    if (e instanceof RetryTransaction
        || e.getMessage() != null && e.getMessage().contains("[statement: ")) {
      return e;
    }
    String shown = sql.length() > 300 ? sql.substring(0, 300) + "…" : sql;
    SQLException wrapped =
        new SQLException(
            e.getMessage() + " [statement: " + shown + "]", e.getSQLState(), e.getErrorCode(), e);
    wrapped.setNextException(e.getNextException());
    return wrapped;
  }
}
