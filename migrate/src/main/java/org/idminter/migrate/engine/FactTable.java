package org.idminter.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.store.sql.Sql;

/**
 * Where a migration keeps the facts it must remember across crashes and for rollback (when it
 * started, what it runs, what it found before it changed anything): a table of named values, each a
 * number ({@code Long}) or a text ({@code String}), written once in the transaction that starts the
 * run. The same DDL on every supported database.
 */
public record FactTable(String name) {
  public FactTable {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("a fact table name is lower case letters and _");
    }
  }

  public void create(Connection c) throws SQLException {
    Sql.update(
        c,
        "CREATE TABLE IF NOT EXISTS "
            + name
            + " (fact VARCHAR(100) NOT NULL PRIMARY KEY, num BIGINT, txt VARCHAR(255))",
        ps -> {});
  }

  public boolean exists(Connection c) throws SQLException {
    return TableShape.stored(c, name).isPresent();
  }

  /** Inserts every fact (a {@code Long} or a {@code String} each). */
  public void write(Connection c, Map<String, Object> facts) throws SQLException {
    List<Map.Entry<String, Object>> rows = new ArrayList<>(facts.entrySet());
    Sql.insertRows(
        c,
        "INSERT INTO " + name + " (fact, num, txt)",
        "(?, ?, ?)",
        "",
        rows,
        (ps, i, r) -> {
          ps.setString(i, r.getKey());
          if (r.getValue() instanceof Long n) {
            ps.setLong(i + 1, n);
            ps.setNull(i + 2, Types.VARCHAR);
          } else {
            ps.setNull(i + 1, Types.BIGINT);
            ps.setString(i + 2, (String) r.getValue());
          }
        });
  }

  /**
   * Every fact, numbers as {@code Long} and texts as {@code String}; empty when none is written.
   */
  public Map<String, Object> read(Connection c) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    Sql.query(
            c,
            "SELECT fact, num, txt FROM " + name + " ORDER BY fact",
            ps -> {},
            rs ->
                new Object[] {
                  rs.getString(1),
                  rs.getObject(2) == null ? rs.getString(3) : Long.valueOf(rs.getLong(2))
                })
        .forEach(r -> out.put((String) r[0], r[1]));
    return out;
  }
}
