package org.idminter.migrate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.idminter.store.sql.Sql;

/**
 * Reads a table a page at a time by keyset ({@code key > last}, ordered by key), so memory stays
 * bounded by the page whatever the table's size, and a run can resume after the last key it
 * finished. Names are the caller's (checked plain identifiers); values are always bound.
 */
public final class Keyset {
  private Keyset() {}

  /** One page of rows, as their columns' text. */
  @FunctionalInterface
  public interface PageVisitor {
    void visit(List<String[]> page) throws SQLException;
  }

  /**
   * Visits {@code SELECT columns FROM table} for the rows whose {@code key} is not NULL and greater
   * than {@code after} (all when null), {@code chunk} rows a page; {@code tail} may narrow the
   * WHERE ({@code " AND …"}) and group by the key. Each row is its first {@code width} columns as
   * text; the key comes first.
   */
  public static void pages(
      Connection c,
      String columns,
      String table,
      String key,
      String tail,
      int width,
      int chunk,
      String after,
      PageVisitor visitor)
      throws SQLException {
    String last = after;
    while (true) {
      List<String[]> page = page(c, columns, table, key, tail, width, chunk, last);
      visitor.visit(page);
      if (page.size() < chunk) {
        return;
      }
      last = page.get(page.size() - 1)[0];
    }
  }

  /** The one page after {@code after} (the first when null); see {@link #pages}. */
  public static List<String[]> page(
      Connection c,
      String columns,
      String table,
      String key,
      String tail,
      int width,
      int chunk,
      String after)
      throws SQLException {
    return page(
        c, columns, table, key, tail, chunk, after, new String[width], ResultSet::getString);
  }

  /**
   * As {@link #page}, with each row's columns as the driver's objects and {@code after} bound as
   * the object read (so integer, UUID and text keys compare in their own type).
   */
  public static List<Object[]> objectPage(
      Connection c,
      String columns,
      String table,
      String key,
      String tail,
      int width,
      int chunk,
      Object after)
      throws SQLException {
    return page(
        c, columns, table, key, tail, chunk, after, new Object[width], ResultSet::getObject);
  }

  /** Reads one column of the current row. */
  @FunctionalInterface
  private interface Column<T> {
    T read(ResultSet rs, int index) throws SQLException;
  }

  private static <T> List<T[]> page(
      Connection c,
      String columns,
      String table,
      String key,
      String tail,
      int chunk,
      Object after,
      T[] shape,
      Column<T> column)
      throws SQLException {
    return Sql.query(
        c,
        sql(columns, table, key, tail, after != null),
        ps -> bind(ps, after, chunk),
        rs -> {
          T[] row = java.util.Arrays.copyOf(shape, shape.length);
          for (int i = 0; i < row.length; i++) {
            row[i] = column.read(rs, i + 1);
          }
          return row;
        });
  }

  private static String sql(String columns, String table, String key, String tail, boolean after) {
    return "SELECT "
        + columns
        + " FROM "
        + table
        + " WHERE "
        + key
        + (after ? " > ?" : " IS NOT NULL")
        + tail
        + " ORDER BY "
        + key
        + " LIMIT ?";
  }

  private static void bind(java.sql.PreparedStatement ps, Object after, int chunk)
      throws SQLException {
    if (after == null) {
      ps.setInt(1, chunk);
    } else {
      ps.setObject(1, after);
      ps.setInt(2, chunk);
    }
  }
}
