package org.idminter.store.dialect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.IdMapping;
import org.idminter.store.sql.Collisions;

/**
 * SQLite through the xerial driver: a backfill target only. idminter keeps no identifiers in a
 * SQLite file (one writer at a time, no locking reads for the pool), so every minting statement
 * refuses, and {@code IdStore} refuses the URL before any is reached.
 */
final class SqliteDialect implements Dialect {
  /** SQLITE_BUSY and SQLITE_LOCKED: another connection holds the file's write lock. */
  private static final List<Integer> BUSY = List.of(5, 6);

  @Override
  public String name() {
    return "SQLite";
  }

  /** SQLite has no SHA-256 function: tables are fingerprinted in Java. */
  @Override
  public Optional<String> rowHash(List<String> texts) {
    return Optional.empty();
  }

  /** Waits up to 10 s for another writer's lock before failing with SQLITE_BUSY. */
  @Override
  public Map<String, String> driverProperties() {
    return Map.of("busy_timeout", "10000");
  }

  @Override
  public String migrationFolder() {
    return "sqlite";
  }

  @Override
  public boolean holdsIdentifiers() {
    return false;
  }

  /** A plain file path ({@code jdbc:sqlite:PATH[?options]}) that is not there. */
  @Override
  public Optional<String> missing(String jdbcUrl) {
    String rest = jdbcUrl.substring("jdbc:sqlite:".length());
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
      return Optional.empty();
    }
    return Files.exists(Path.of(path))
        ? Optional.empty()
        : Optional.of(
            "there is no SQLite file "
                + path
                + ": name an existing file in jdbc:sqlite:PATH (idminter does not create one)");
  }

  @Override
  public String lockingRead() {
    return "";
  }

  @Override
  public String sharedRead() {
    return "";
  }

  /** SQLite's transactions are serializable (it has no READ COMMITTED). */
  @Override
  public String isolation() {
    return "TRANSACTION_SERIALIZABLE";
  }

  /** One connection: SQLite takes one writer at a time, and a second would only wait for it. */
  @Override
  public int connectionLimit(int configured) {
    return 1;
  }

  @Override
  public void refreshStatistics(Connection c, List<String> tables) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("ANALYZE " + table);
      }
    }
  }

  @Override
  public boolean isTransient(SQLException e) {
    return BUSY.contains(e.getErrorCode() & 0xff);
  }

  @Override
  public String insertMappingIfAbsent(String table) {
    throw noIdentifiers();
  }

  @Override
  public boolean insertMappingsIfAbsent(
      Connection c,
      String table,
      List<Map.Entry<SourceIdentifier, CanonicalId>> rows,
      Collisions collisions) {
    throw noIdentifiers();
  }

  @Override
  public String lockFreeIds(int size) {
    throw noIdentifiers();
  }

  @Override
  public String insertFreeIdIfAbsent() {
    throw noIdentifiers();
  }

  @Override
  public String upsertAssignedId() {
    throw noIdentifiers();
  }

  @Override
  public boolean insertEntityMappings(Connection c, List<IdMapping> rows, Collisions collisions) {
    throw noIdentifiers();
  }

  @Override
  public String insertInheritanceIfAbsent() {
    throw noIdentifiers();
  }

  static IdMinterException noIdentifiers() {
    return new IdMinterException(
        ErrorCode.INVALID_INPUT,
        "idminter keeps no identifiers in SQLite (it reaches a SQLite file only to backfill a"
            + " column): use the embedded default, H2, MySQL, MariaDB or PostgreSQL for --db");
  }
}
