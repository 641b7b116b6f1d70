package org.idminter.store.sql;

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

  /**
   * One JDBC batch for all rows (drivers send it as one or few round trips). Returns the rows the
   * database reports changed, or -1 when the driver does not say.
   */
  public static <R> long batch(Connection c, String sql, Collection<R> rows, RowBinder<R> binder)
      throws SQLException {
    return batch(c, sql, rows, binder, ps -> {});
  }

  /** Prepares a statement before its batch is bound (a dialect's {@code prepareForBatch}). */
  @FunctionalInterface
  public interface StatementSetup {
    void setUp(PreparedStatement statement) throws SQLException;
  }

  /** {@link #batch(Connection, String, Collection, RowBinder)}, the statement set up first. */
  public static <R> long batch(
      Connection c, String sql, Collection<R> rows, RowBinder<R> binder, StatementSetup setup)
      throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      setup.setUp(ps);
      for (R row : rows) {
        binder.bind(ps, row);
        ps.addBatch();
      }
      long changed = 0;
      for (int n : ps.executeBatch()) {
        if (n < 0) {
          return -1; // SUCCESS_NO_INFO
        }
        changed += n;
      }
      return changed;
    } catch (SQLException e) {
      throw withStatement(e, sql);
    }
  }

  /**
   * Parameters per statement at most: MySQL and PostgreSQL refuse more than 65,535, and a statement
   * this size is still small next to their packet limits.
   */
  public static final int MAX_PARAMETERS = 60_000;

  /** Binds one row's values starting at parameter {@code first}. */
  @FunctionalInterface
  public interface RowValues<R> {
    void bind(PreparedStatement statement, int first, R row) throws SQLException;
  }

  /**
   * Multi-row {@code head VALUES row, row, … tail}, where {@code row} is a template such as {@code
   * "(?, ?, 'free')"}: one statement per {@link #MAX_PARAMETERS} parameters. On MySQL and MariaDB
   * this is several times faster than a JDBC batch of the same rows. Returns the update counts
   * summed.
   */
  public static <R> long insertRows(
      Connection c, String head, String row, String tail, List<R> rows, RowValues<R> binder)
      throws SQLException {
    int columns = (int) row.chars().filter(ch -> ch == '?').count();
    int perStatement = MAX_PARAMETERS / columns;
    long changed = 0;
    for (int from = 0; from < rows.size(); from += perStatement) {
      List<R> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
      StringBuilder sql = new StringBuilder(head.length() + chunk.size() * (row.length() + 2));
      sql.append(head).append(" VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(row);
      }
      sql.append(tail);
      String text = sql.toString();
      try (PreparedStatement ps = c.prepareStatement(text)) {
        for (int i = 0; i < chunk.size(); i++) {
          binder.bind(ps, 1 + i * columns, chunk.get(i));
        }
        changed += ps.executeUpdate();
      } catch (SQLException e) {
        throw withStatement(e, text);
      }
    }
    return changed;
  }

  /**
   * Runs {@code before + "(?, …)"} once per {@link #MAX_PARAMETERS} values (an UPDATE or DELETE by
   * an IN-list); returns the update counts summed.
   */
  public static long updateIn(Connection c, String before, List<String> values)
      throws SQLException {
    long changed = 0;
    for (int from = 0; from < values.size(); from += MAX_PARAMETERS) {
      List<String> chunk = values.subList(from, Math.min(values.size(), from + MAX_PARAMETERS));
      changed +=
          update(
              c,
              before + "(" + placeholders(chunk.size()) + ")",
              ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                  ps.setString(i + 1, chunk.get(i));
                }
              });
    }
    return changed;
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
    return queryIn(c, before, values, PreparedStatement::setString, after, mapper);
  }

  /** Binds one value of an IN-list at a parameter index. */
  @FunctionalInterface
  public interface ValueBinder<V> {
    void bind(PreparedStatement statement, int index, V value) throws SQLException;
  }

  /** {@link #queryIn(Connection, String, List, String, RowMapper)} for values of any type. */
  public static <V, T> List<T> queryIn(
      Connection c,
      String before,
      List<V> values,
      ValueBinder<V> binder,
      String after,
      RowMapper<T> mapper)
      throws SQLException {
    List<T> rows = new ArrayList<>();
    for (int from = 0; from < values.size(); from += MAX_IN) {
      List<V> chunk = values.subList(from, Math.min(values.size(), from + MAX_IN));
      String sql = before + "(" + placeholders(chunk.size()) + ")" + after;
      rows.addAll(
          query(
              c,
              sql,
              ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                  binder.bind(ps, i + 1, chunk.get(i));
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

  /** {@code e} with the statement that failed named in its message (once). */
  public static SQLException withStatement(SQLException e, String sql) {
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
