package org.idminter.migrate.backfill;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.backfill.BackfillSpec.Scheme;
import org.idminter.migrate.engine.TableShape;

/**
 * The target table as a backfill sees it, from the database's own metadata: the key it pages by
 * (its single-column primary key, or SQLite's rowid), whether the column exists and with what type,
 * and what else uses the column (indexes, foreign keys), so apply adds only what is missing and
 * rollback drops only what nothing else depends on.
 */
record BackfillTable(
    TableShape shape,
    String key,
    Optional<Integer> columnType,
    Map<String, List<String>> indexes,
    List<String> uniqueIndexes,
    List<String> referencedBy) {

  /** The table's shape, or a refusal that says what is missing. */
  static BackfillTable read(Connection c, BackfillSpec spec, boolean rowidAllowed)
      throws SQLException {
    TableShape shape = TableShape.require(c, spec.table());
    String key;
    if (shape.primaryKey().size() == 1) {
      key = shape.primaryKey().get(0);
    } else if (rowidAllowed) {
      key = "rowid";
    } else {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          spec.table()
              + (shape.primaryKey().isEmpty()
                  ? " has no primary key"
                  : " has the composite primary key " + shape.primaryKey())
              + ": a backfill pages through a table by one key column; add a single-column"
              + " primary key first; nothing was changed");
    }
    spec.timeColumn()
        .filter(t -> !shape.hasColumn(t))
        .ifPresent(
            t -> {
              throw new IdMinterException(
                  ErrorCode.REFUSED,
                  spec.table() + " has no column " + t + " (--time-column); nothing was changed");
            });
    DatabaseMetaData md = c.getMetaData();
    Optional<Integer> type = Optional.empty();
    try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), shape.name(), "%")) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equals(shape.name())
            && rs.getString("COLUMN_NAME").equalsIgnoreCase(spec.column())) {
          type = Optional.of(rs.getInt("DATA_TYPE"));
        }
      }
    }
    Map<String, List<String>> indexes = new LinkedHashMap<>();
    List<String> unique = new ArrayList<>();
    try (ResultSet rs = md.getIndexInfo(c.getCatalog(), c.getSchema(), shape.name(), false, true)) {
      while (rs.next()) {
        String index = rs.getString("INDEX_NAME");
        String column = rs.getString("COLUMN_NAME");
        if (index == null || column == null) {
          continue;
        }
        indexes.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
        if (!rs.getBoolean("NON_UNIQUE") && !unique.contains(index)) {
          unique.add(index);
        }
      }
    }
    List<String> referencing = new ArrayList<>();
    try (ResultSet rs = md.getExportedKeys(c.getCatalog(), c.getSchema(), shape.name())) {
      while (rs.next()) {
        if (spec.column().equalsIgnoreCase(rs.getString("PKCOLUMN_NAME"))) {
          referencing.add(rs.getString("FKTABLE_NAME") + "." + rs.getString("FK_NAME"));
        }
      }
    }
    return new BackfillTable(
        shape, key, type, Map.copyOf(indexes), List.copyOf(unique), List.copyOf(referencing));
  }

  /** Each value held by more than one row, with how many rows hold it. */
  static List<Object[]> repeated(Connection c, BackfillSpec spec) throws SQLException {
    return org.idminter.store.sql.Sql.query(
        c,
        "SELECT "
            + spec.column()
            + ", COUNT(*) FROM "
            + spec.table()
            + " WHERE "
            + spec.column()
            + " IS NOT NULL GROUP BY "
            + spec.column()
            + " HAVING COUNT(*) > 1",
        ps -> {},
        rs -> new Object[] {rs.getString(1), rs.getLong(2)});
  }

  boolean hasColumn() {
    return columnType.isPresent();
  }

  /** Whether some unique index covers exactly the column. */
  boolean uniqueOn(String column) {
    return uniqueIndexes.stream()
        .anyMatch(
            i -> indexes.get(i).size() == 1 && indexes.get(i).get(0).equalsIgnoreCase(column));
  }

  /** Indexes other than {@code own} that include the column. */
  List<String> otherIndexesOn(String column, String own) {
    return indexes.entrySet().stream()
        .filter(e -> !e.getKey().equalsIgnoreCase(own))
        .filter(e -> e.getValue().stream().anyMatch(x -> x.equalsIgnoreCase(column)))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Why an existing column cannot hold the scheme's values, if it cannot. */
  Optional<String> typeMismatch(Scheme scheme) {
    if (columnType.isEmpty()) {
      return Optional.empty();
    }
    int t = columnType.get();
    boolean integral =
        t == Types.BIGINT || t == Types.INTEGER || t == Types.NUMERIC || t == Types.DECIMAL;
    boolean numeric = integral || t == Types.SMALLINT || t == Types.TINYINT || t == Types.REAL;
    if (scheme == Scheme.FLAKE64 && !integral) {
      return Optional.of("a flake64 column must be BIGINT; this one is of JDBC type " + t);
    }
    if (scheme == Scheme.ULID && numeric) {
      return Optional.of("a ULID column must hold text (CHAR(26)); this one is numeric");
    }
    return Optional.empty();
  }
}
