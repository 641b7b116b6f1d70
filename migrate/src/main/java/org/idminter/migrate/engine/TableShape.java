package org.idminter.migrate.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table's shape as the database's own metadata tells it: its name as stored (MySQL keeps the case
 * written, PostgreSQL lower-cases unquoted names, H2 upper-cases them), its columns, its primary
 * key (name and columns in order), the foreign keys it holds and those pointing at it, and its
 * indexes. A migration reads it before each change it makes, so a change already made is not made
 * twice (DDL commits by itself on MySQL and H2: a run stopped between two statements resumes by
 * looking).
 */
public record TableShape(
    String name,
    List<String> columns,
    List<String> nullable,
    Optional<String> primaryKeyName,
    List<String> primaryKey,
    List<String> foreignKeys,
    List<String> referencedBy,
    List<String> indexes) {

  /** The table's name as stored, or empty when the current schema has no table of that name. */
  public static Optional<String> stored(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return Optional.of(rs.getString("TABLE_NAME"));
        }
      }
    }
    return Optional.empty();
  }

  /** The table's shape, or empty when the current schema has no table of that name. */
  public static Optional<TableShape> read(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String catalog = c.getCatalog();
    String schema = c.getSchema();
    String stored = stored(c, table).orElse(null);
    if (stored == null) {
      return Optional.empty();
    }
    List<String> columns = new ArrayList<>();
    List<String> nullable = new ArrayList<>();
    try (ResultSet rs = md.getColumns(catalog, schema, escape(md, stored), "%")) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equals(stored)) {
          columns.add(rs.getString("COLUMN_NAME"));
          if ("YES".equals(rs.getString("IS_NULLABLE"))) {
            nullable.add(rs.getString("COLUMN_NAME"));
          }
        }
      }
    }
    TreeMap<Integer, String> key = new TreeMap<>();
    String keyName = null;
    try (ResultSet rs = md.getPrimaryKeys(catalog, schema, stored)) {
      while (rs.next()) {
        key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        keyName = rs.getString("PK_NAME");
      }
    }
    List<String> foreign = new ArrayList<>();
    try (ResultSet rs = md.getImportedKeys(catalog, schema, stored)) {
      while (rs.next()) {
        add(foreign, rs.getString("FK_NAME"));
      }
    }
    List<String> referencing = new ArrayList<>();
    try (ResultSet rs = md.getExportedKeys(catalog, schema, stored)) {
      while (rs.next()) {
        add(referencing, rs.getString("FKTABLE_NAME") + "." + rs.getString("FK_NAME"));
      }
    }
    List<String> indexes = new ArrayList<>();
    try (ResultSet rs = md.getIndexInfo(catalog, schema, stored, false, true)) {
      while (rs.next()) {
        if (rs.getString("INDEX_NAME") != null) {
          add(indexes, rs.getString("INDEX_NAME"));
        }
      }
    }
    return Optional.of(
        new TableShape(
            stored,
            List.copyOf(columns),
            List.copyOf(nullable),
            Optional.ofNullable(keyName),
            List.copyOf(key.values()),
            List.copyOf(foreign),
            List.copyOf(referencing),
            List.copyOf(indexes)));
  }

  /** The table's shape; a missing table is an error naming it. */
  public static TableShape require(Connection c, String table) throws SQLException {
    return read(c, table)
        .orElseThrow(
            () ->
                new org.idminter.core.IdMinterException(
                    org.idminter.core.ErrorCode.REFUSED,
                    "the table " + table + " does not exist in this database"));
  }

  public boolean hasColumn(String column) {
    return columns.stream().anyMatch(x -> x.equalsIgnoreCase(column));
  }

  public boolean isNullable(String column) {
    return nullable.stream().anyMatch(x -> x.equalsIgnoreCase(column));
  }

  public boolean hasIndex(String index) {
    return indexes.stream().anyMatch(x -> x.equalsIgnoreCase(index));
  }

  public boolean hasForeignKey(String constraint) {
    return foreignKeys.stream().anyMatch(x -> x.equalsIgnoreCase(constraint));
  }

  /** The primary key's columns in lower case, in key order. */
  public List<String> primaryKeyLower() {
    return primaryKey.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
  }

  private static void add(List<String> names, String name) {
    if (name != null && !names.contains(name)) {
      names.add(name);
    }
  }

  private static String escape(DatabaseMetaData md, String name) throws SQLException {
    String esc = md.getSearchStringEscape();
    return esc == null || esc.isEmpty() ? name : name.replace("_", esc + "_");
  }
}
