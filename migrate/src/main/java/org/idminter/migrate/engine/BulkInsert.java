package org.idminter.migrate.engine;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.sql.Sql;

/**
 * Inserts a chunk of rows a migration built in Java into one of its own tables by the fastest
 * statement each database has: one array per column where it takes arrays (PostgreSQL), else
 * multi-row VALUES lists.
 */
public final class BulkInsert {
  private final Dialect dialect;
  private final String table;
  private final List<String> columns;

  /** The columns' types as the database names them, read once, where rows go as arrays. */
  private List<String> types;

  /** Inserts into {@code columns} of {@code table}. */
  public BulkInsert(Dialect dialect, String table, List<String> columns) {
    this.dialect = dialect;
    this.table = table;
    this.columns = List.copyOf(columns);
  }

  /** Inserts {@code rows} (each its values in the columns' order; null allowed). */
  public void insert(Connection c, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    if (!dialect.bindsArrays()) {
      Sql.insertRows(
          c,
          "INSERT INTO " + table + " (" + String.join(", ", columns) + ")",
          "(" + Sql.placeholders(columns.size()) + ")",
          "",
          rows,
          (ps, first, r) -> {
            for (int i = 0; i < r.length; i++) {
              ps.setObject(first + i, r[i]);
            }
          });
      return;
    }
    if (types == null) {
      types = types(c);
    }
    String sql = dialect.insertFromArrays(table, columns, types);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int col = 0; col < columns.size(); col++) {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rows.get(i)[col];
        }
        Array array = c.createArrayOf(types.get(col), values);
        ps.setArray(col + 1, array);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Sql.withStatement(e, sql);
    }
  }

  /** The columns' types as the database names them, from a query that reads no row. */
  private List<String> types(Connection c) throws SQLException {
    String sql = "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0";
    try (PreparedStatement ps = c.prepareStatement(sql);
        java.sql.ResultSet rs = ps.executeQuery()) {
      List<String> names = new java.util.ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        names.add(rs.getMetaData().getColumnTypeName(i));
      }
      return List.copyOf(names);
    } catch (SQLException e) {
      throw Sql.withStatement(e, sql);
    }
  }
}
