package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** EXPLAIN of a statement as text, for the plan tests. */
final class Explain {
  private Explain() {}

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * EXPLAIN's rows, each as "column=value" pairs when it has several columns (MySQL's table form)
   * or as its one column's text (PostgreSQL, H2).
   */
  static List<String> rows(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
      binder.bind(ps);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= columns; i++) {
            String name = rs.getMetaData().getColumnLabel(i);
            row.append(columns == 1 ? "" : name + "=").append(rs.getString(i)).append(' ');
          }
          rows.add(row.toString().strip());
        }
      }
      assertThat(rows).as("EXPLAIN %s", sql).isNotEmpty();
      return rows;
    }
  }
}
