package org.idminter.store.dialect;

import java.util.List;
import java.util.Optional;

/**
 * The SQL a migration needs to judge a whole table inside the database instead of reading it
 * through Java: row hashes that match a Java checksum, cheap key hashes for finding duplicates,
 * exact text comparison, and room for a large aggregate.
 */
public interface TableScans {
  /**
   * An expression giving each row the first 8 bytes, as an integer, of the SHA-256 of {@code texts}
   * (text expressions; NULL taken as "null") in UTF-8 joined by NUL bytes: the value a Java
   * checksum of the same strings adds per row, so a table can be fingerprinted inside the database.
   * Empty where the database has no SHA-256 function.
   */
  Optional<String> rowHash(List<String> texts);

  /**
   * A cheap signed 64-bit hash of {@code text} for finding equal values with GROUP BY: equal texts
   * hash equal, and different ones rarely do (callers compare the candidates exactly). Empty where
   * the database has none.
   */
  default Optional<String> keyHash(String text) {
    return rowHash(List.of(text));
  }

  /** {@code text} for a comparison that is exact whatever its column's collation. */
  default String exactly(String text) {
    return text;
  }

  /**
   * {@code select}, run with room to group a million rows in memory where the database would
   * otherwise spill its temporary table to disk.
   */
  default String withRoomToGroup(String select) {
    return select;
  }

  /**
   * Sets {@code column} of {@code target} (alias {@code t}) to {@code s.value} for the rows of
   * {@code source} (alias {@code s}) that {@code sourceWhere} selects, joined on {@code t.key =
   * s.sourceKey}, where {@code targetWhere} also holds: one statement driven by the source's rows
   * (each found in the target by its key), whatever the target's size. The default is {@code UPDATE
   * … FROM} (PostgreSQL, SQLite 3.33+).
   */
  default String updateFrom(
      String target,
      String key,
      String column,
      String source,
      String sourceKey,
      String value,
      String sourceWhere,
      String targetWhere) {
    return "UPDATE "
        + target
        + " AS t SET "
        + column
        + " = s."
        + value
        + " FROM "
        + source
        + " AS s WHERE "
        + sourceWhere
        + " AND t."
        + key
        + " = s."
        + sourceKey
        + " AND "
        + targetWhere;
  }

  /**
   * Statements that make the rest of the transaction join a small source (a chunk) to a large
   * target through the target's index instead of scanning the target; none where the planner does
   * so anyway or the statement itself says so.
   */
  default List<String> forIndexedJoins() {
    return List.of();
  }

  /** Whether {@link #insertFromArrays} is the fastest way to insert many rows here. */
  default boolean bindsArrays() {
    return false;
  }

  /**
   * An INSERT of many rows into {@code columns} of {@code table} bound as one array per column
   * ({@code types}: each column's type as the database names it); only where {@link #bindsArrays}.
   */
  default String insertFromArrays(String table, List<String> columns, List<String> types) {
    throw new UnsupportedOperationException("this database binds no arrays");
  }
}
