package org.idminter.store.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.IdMapping;
import org.idminter.store.sql.Collisions;
import org.idminter.store.sql.RetryTransaction;
import org.idminter.store.sql.Sql;

/** MySQL and MariaDB share SQL; they differ in drivers and in the exact binary collation's name. */
abstract class MySqlFamilyDialect implements Dialect {
  private static final int ER_LOCK_DEADLOCK = 1213;
  private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
  private static final int ER_DUP_ENTRY = 1062;

  /**
   * A no-op update, not INSERT IGNORE: IGNORE would also turn truncation, bad text and foreign key
   * failures into warnings.
   */
  private static final String KEEP_EXISTING_MAPPING =
      " ON DUPLICATE KEY UPDATE CanonicalId = CanonicalId";

  private static final String MARK_EXISTING_ASSIGNED =
      " ON DUPLICATE KEY UPDATE Status = 'assigned'";

  /** MariaDB has no FOR SHARE; MySQL 8 accepts both spellings. */
  @Override
  public String sharedRead() {
    return " LOCK IN SHARE MODE";
  }

  @Override
  public java.util.Optional<String> loadMeasure() {
    return java.util.Optional.of("Threads_running");
  }

  @Override
  public long serverLoad(Connection c) throws SQLException {
    return Sql.query(
            c,
            "SHOW GLOBAL STATUS LIKE 'Threads_running'",
            ps -> {},
            rs -> Long.parseLong(rs.getString(2)))
        .get(0);
  }

  @Override
  public Optional<String> connectionInitSql() {
    // Truncation or an unrepresentable character must be an error, never a silent warning.
    return Optional.of(
        "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')");
  }

  @Override
  public String migrationFolder() {
    return "mysql";
  }

  @Override
  public Map<String, String> migrationPlaceholders(DatabaseMetaData server) throws SQLException {
    // Exact comparison needs a binary collation without trailing-space padding (plain utf8mb4_bin
    // pads). MariaDB calls it utf8mb4_nopad_bin; MySQL 8.0.17+ utf8mb4_0900_bin. Older MySQL 8 has
    // only utf8mb4_0900_as_cs without padding: case- and accent-sensitive, and whatever Unicode
    // equivalences remain are caught by idminter's exact matching in Java.
    for (String collation :
        List.of("utf8mb4_nopad_bin", "utf8mb4_0900_bin", "utf8mb4_0900_as_cs")) {
      try (PreparedStatement ps =
          server
              .getConnection()
              .prepareStatement(
                  "SELECT COUNT(*) FROM information_schema.COLLATIONS WHERE COLLATION_NAME = ?")) {
        ps.setString(1, collation);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getInt(1) > 0) {
            return Map.of("keyCharset", "utf8mb4", "keyCollation", collation);
          }
        }
      }
    }
    throw new SQLException(
        "the server "
            + server.getDatabaseProductVersion()
            + " has no utf8mb4 collation that"
            + " compares exactly without padding (utf8mb4_nopad_bin, utf8mb4_0900_bin or utf8mb4_0900_as_cs):"
            + " idminter needs MariaDB 10.2+ or MySQL 8");
  }

  /**
   * The walk through idx_free, forced (the optimizer otherwise reads idx_free by Status alone and
   * filters CanonicalId row by row), and ordered by CanonicalId only: with the drivers' utf8mb4
   * connection, {@code ORDER BY Status, CanonicalId} made MariaDB sort the whole rest of the free
   * range to return its first rows (at 1M mappings and 160,000 free IDs: 117,249 rows read and
   * sorted, 46-60 ms per window, and growing with the pool; 0.6 ms in index order).
   */
  @Override
  public String freeIdWindow(String range) {
    return "SELECT CanonicalId FROM canonical_ids FORCE INDEX (idx_free) WHERE Status = 'free' AND "
        + range
        + " ORDER BY CanonicalId LIMIT ?";
  }

  /**
   * Locks by primary key, which the optimizer would not choose by itself: idx_free (Status,
   * CanonicalId) covers the query, and a locking read through it locks each ID twice, in idx_free
   * and in the clustered index (measured on MariaDB 10.11: 6,000 IDs locked in 55 ms through
   * idx_free, 22 ms by primary key).
   */
  @Override
  public String lockFreeIds(int size) {
    return "SELECT CanonicalId FROM canonical_ids FORCE INDEX (PRIMARY) WHERE CanonicalId IN ("
        + Sql.placeholders(size)
        + ") AND Status = 'free' FOR UPDATE SKIP LOCKED";
  }

  @Override
  public String insertMappingIfAbsent(String table) {
    return "INSERT INTO "
        + table
        + " "
        + MAPPING_COLUMNS
        + " VALUES "
        + MAPPING_ROW
        + KEEP_EXISTING_MAPPING;
  }

  /**
   * A plain multi-row INSERT, which proves every row new (no affected-rows ambiguity, which {@code
   * ON DUPLICATE KEY UPDATE} has under the drivers' found-rows default). A duplicate key rolls the
   * whole transaction back (see {@link Collisions} for why it is never continued); its next attempt
   * writes with the idempotent form.
   */
  @Override
  public boolean insertMappingsIfAbsent(
      Connection c,
      String table,
      List<Map.Entry<SourceIdentifier, CanonicalId>> rows,
      Collisions collisions)
      throws SQLException {
    String head = "INSERT INTO " + table + " " + MAPPING_COLUMNS;
    if (collisions.expected()) {
      Sql.insertRows(c, head, MAPPING_ROW, KEEP_EXISTING_MAPPING, rows, Dialect::bindMapping);
      return false;
    }
    insertNew(c, head, MAPPING_ROW, rows, Dialect::bindMapping, table, collisions);
    return true;
  }

  /**
   * The same for registry rows: a plain multi-row INSERT; if a row collides (either key), the
   * transaction is run again and writes with a no-op on duplicates.
   */
  @Override
  public boolean insertEntityMappings(Connection c, List<IdMapping> rows, Collisions collisions)
      throws SQLException {
    String head = "INSERT INTO entity_id_mapping " + ENTITY_MAPPING_COLUMNS;
    if (collisions.expected()) {
      Sql.insertRows(
          c,
          head,
          "(?, ?, ?)",
          " ON DUPLICATE KEY UPDATE internal_id = internal_id",
          rows,
          Dialect::bindEntityMapping);
      return false;
    }
    insertNew(
        c, head, "(?, ?, ?)", rows, Dialect::bindEntityMapping, "entity_id_mapping", collisions);
    return true;
  }

  private <R> void insertNew(
      Connection c,
      String head,
      String row,
      List<R> rows,
      Sql.RowValues<R> binder,
      String table,
      Collisions collisions)
      throws SQLException {
    try {
      Sql.insertRows(c, head, row, "", rows, binder);
    } catch (SQLException e) {
      if (!duplicateKey(e)) {
        throw e;
      }
      RetryTransaction retry = collisions.met(table);
      retry.initCause(e);
      throw retry;
    }
  }

  @Override
  public boolean duplicateKey(SQLException e) {
    return e.getErrorCode() == ER_DUP_ENTRY;
  }

  @Override
  public String insertFreeIdIfAbsent() {
    return "INSERT INTO canonical_ids (CanonicalId, Status) VALUES (?, 'free')"
        + " ON DUPLICATE KEY UPDATE CanonicalId = CanonicalId";
  }

  @Override
  public Optional<String> rowHash(List<String> texts) {
    // Each text converted to utf8mb4 first: a latin1 legacy column hashes the bytes Java sees.
    String joined =
        texts.stream()
            .map(t -> "CONVERT(COALESCE(" + t + ", 'null') USING utf8mb4)")
            .collect(java.util.stream.Collectors.joining(", "));
    return Optional.of(
        "CAST(CONV(LEFT(SHA2(CONCAT_WS(CHAR(0 USING utf8mb4), "
            + joined
            + "), 256), 16), 16, 10) AS UNSIGNED)");
  }

  @Override
  public Optional<String> keyHash(String text) {
    // Two CRC32s, of the text and of it reversed, in 63 bits: a signed BIGINT, cheap to group.
    return Optional.of(
        "(((CRC32(" + text + ") & 2147483647) << 32) | CRC32(REVERSE(" + text + ")))");
  }

  @Override
  public String exactly(String text) {
    return "CAST(" + text + " AS BINARY)";
  }

  /** A multi-table UPDATE, the source read first (STRAIGHT_JOIN), each row found by its key. */
  @Override
  public String updateFrom(
      String target,
      String key,
      String column,
      String source,
      String sourceKey,
      String value,
      String sourceWhere,
      String targetWhere) {
    return "UPDATE "
        + source
        + " s STRAIGHT_JOIN "
        + target
        + " t ON t."
        + key
        + " = s."
        + sourceKey
        + " SET t."
        + column
        + " = s."
        + value
        + " WHERE "
        + sourceWhere
        + " AND "
        + targetWhere;
  }

  @Override
  public String upsertAssignedId() {
    return "INSERT INTO canonical_ids (CanonicalId, Status) VALUES (?, 'assigned')"
        + MARK_EXISTING_ASSIGNED;
  }

  @Override
  public void upsertAssignedIds(Connection c, List<CanonicalId> ids) throws SQLException {
    Sql.insertRows(
        c,
        "INSERT INTO canonical_ids (CanonicalId, Status)",
        "(?, 'assigned')",
        MARK_EXISTING_ASSIGNED,
        ids,
        (ps, first, id) -> ps.setString(first, id.value()));
  }

  @Override
  public String insertInheritanceIfAbsent() {
    return "INSERT INTO identifier_inheritance (OntologyType, SourceSystem, SourceId,"
        + " PredecessorOntologyType, PredecessorSourceSystem, PredecessorSourceId, CanonicalId)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE CanonicalId = CanonicalId";
  }

  @Override
  public java.util.List<String> renameTables(
      java.util.List<java.util.Map.Entry<String, String>> renames) {
    return java.util.List.of(
        "RENAME TABLE "
            + renames.stream()
                .map(r -> r.getKey() + " TO " + r.getValue())
                .collect(java.util.stream.Collectors.joining(", ")));
  }

  @Override
  public boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && (s.getErrorCode() == ER_LOCK_DEADLOCK
              || s.getErrorCode() == ER_LOCK_WAIT_TIMEOUT
              || "40001".equals(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** GET_LOCK names are server-wide: the name carries the database, so databases do not wait. */
  private static final String MIGRATION_LOCK = "LEFT(CONCAT('idminter-migrate:', DATABASE()), 64)";

  @Override
  public boolean lockMigrations(Connection c, java.time.Duration wait) throws SQLException {
    return Sql.queryLong(
            c,
            "SELECT GET_LOCK(" + MIGRATION_LOCK + ", ?)",
            ps -> ps.setLong(1, Math.max(1, wait.toSeconds())))
        == 1;
  }

  @Override
  public void unlockMigrations(Connection c) throws SQLException {
    Sql.query(c, "SELECT RELEASE_LOCK(" + MIGRATION_LOCK + ")", ps -> {}, rs -> null);
  }
}
