package org.idminter.store.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.IdMapping;
import org.idminter.store.sql.Collisions;
import org.idminter.store.sql.Sql;

/** H2 2.x, the embedded default. */
final class H2Dialect implements Dialect {
  private static final int DEADLOCK = 40001;
  private static final int LOCK_TIMEOUT = 50200;
  private static final int CONCURRENT_UPDATE = 90131;
  private static final int DUPLICATE_KEY = 23505;
  private static final int DATABASE_CLOSED = 90121;

  /** "The database has been closed": the process serving the file closed it under us. */
  private static final int DATABASE_IS_CLOSED = 90098;

  private static final int CONNECTION_BROKEN = 90067;
  private static final int GENERAL_ERROR = 50000;

  @Override
  public String name() {
    return "H2";
  }

  @Override
  public Optional<String> rowHash(List<String> texts) {
    String joined =
        texts.stream()
            .map(t -> "COALESCE(" + t + ", 'null')")
            .collect(java.util.stream.Collectors.joining(", CHAR(0), "));
    // CONCAT takes two arguments at least.
    String row = texts.size() == 1 ? joined : "CONCAT(" + joined + ")";
    return Optional.of("CAST(SUBSTRING(HASH('SHA-256', " + row + ") FROM 1 FOR 8) AS BIGINT)");
  }

  /** H2 has no {@code UPDATE … FROM}: a MERGE whose source is the selected rows. */
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
    return "MERGE INTO "
        + target
        + " t USING (SELECT * FROM "
        + source
        + " s WHERE "
        + sourceWhere
        + ") s ON t."
        + key
        + " = s."
        + sourceKey
        + " WHEN MATCHED AND "
        + targetWhere
        + " THEN UPDATE SET "
        + column
        + " = s."
        + value;
  }

  @Override
  public String outsideTodaysFormat() {
    return "NOT REGEXP_LIKE(CanonicalId, '" + CanonicalId.FORMAT + "', 'c')";
  }

  @Override
  public String sharedRead() {
    return " FOR UPDATE";
  }

  @Override
  public java.time.Duration openRetryWindow() {
    // Processes opening the same file database at once race to become its auto-server; the
    // losers fail with "Lock file recently modified" and succeed moments later as its clients.
    return java.time.Duration.ofSeconds(15);
  }

  /** "Error opening database" (the file's lock is being taken or handed over). */
  private static final int ERROR_OPENING_DATABASE = 8000;

  /** "Database may be already in use". */
  private static final int DATABASE_ALREADY_OPEN = 90020;

  @Override
  public java.util.Optional<Class<?>> connectionLossOverride() {
    return java.util.Optional.of(H2ConnectionLoss.class);
  }

  /** The process serving the file exited under this connection: it must be replaced. */
  static boolean connectionLost(SQLException e) {
    return e.getErrorCode() == DATABASE_CLOSED
        || e.getErrorCode() == DATABASE_IS_CLOSED
        || e.getErrorCode() == CONNECTION_BROKEN;
  }

  @Override
  public boolean transientAtOpen(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return true; // the auto-server that was just found has exited; the next try finds another
      }
      if (t instanceof SQLException s) {
        int code = s.getErrorCode();
        if (code == ERROR_OPENING_DATABASE
            || code == DATABASE_ALREADY_OPEN
            || code == CONNECTION_BROKEN
            || code == DATABASE_CLOSED
            || code == DATABASE_IS_CLOSED) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String migrationFolder() {
    return "h2";
  }

  @Override
  public String insertMappingIfAbsent(String table) {
    // INSERT … WHERE NOT EXISTS with numbered parameters: about twice as fast on H2 as MERGE USING.
    // A concurrent insert of the same key surfaces as a duplicate key, which isTransient retries.
    return "INSERT INTO "
        + table
        + " (OntologyType, SourceSystem, SourceId, CanonicalId)"
        + " SELECT CAST(?1 AS VARCHAR(255)), CAST(?2 AS VARCHAR(255)), CAST(?3 AS VARCHAR(255)), CAST(?4 AS VARCHAR(8))"
        + " WHERE NOT EXISTS (SELECT 1 FROM "
        + table
        + " WHERE OntologyType = ?1 AND SourceSystem = ?2 AND SourceId = ?3)";
  }

  /** A JDBC batch (in-process, as fast as one statement); each row reports 1 if it was inserted. */
  @Override
  public boolean insertMappingsIfAbsent(
      Connection c,
      String table,
      List<Map.Entry<SourceIdentifier, CanonicalId>> rows,
      Collisions collisions)
      throws SQLException {
    long inserted =
        Sql.batch(c, insertMappingIfAbsent(table), rows, (ps, r) -> Dialect.bindMapping(ps, 1, r));
    return inserted == rows.size();
  }

  /**
   * H2 fails a unique check at once when another transaction holds an uncommitted row with the key
   * (it does not wait for it to commit), so under contention overlapping registrations failed six
   * retries in a row: they take turns on a row lock instead.
   */
  @Override
  public void serializeRegistryWrites(Connection c) throws SQLException {
    Sql.query(
        c,
        "SELECT name FROM idminter_locks WHERE name = 'registry' FOR UPDATE",
        ps -> {},
        rs -> null);
  }

  /**
   * A batch of inserts guarded by both keys (registrations take turns, see {@link
   * #serializeRegistryWrites}).
   */
  @Override
  public boolean insertEntityMappings(Connection c, List<IdMapping> rows, Collisions collisions)
      throws SQLException {
    long inserted =
        Sql.batch(
            c,
            "INSERT INTO entity_id_mapping "
                + ENTITY_MAPPING_COLUMNS
                + " SELECT CAST(?1 AS BIGINT), CAST(?2 AS VARCHAR(20)), CAST(?3 AS VARCHAR(8))"
                + " WHERE NOT EXISTS (SELECT 1 FROM entity_id_mapping WHERE internal_id = ?1)"
                + " AND NOT EXISTS (SELECT 1 FROM entity_id_mapping WHERE external_id = ?2)",
            rows,
            (ps, r) -> Dialect.bindEntityMapping(ps, 1, r));
    return inserted == rows.size();
  }

  /** A batch: H2 reads a long IN-list of parameters row by row (10,200 IDs took 1.5 s). */
  @Override
  public void markAssigned(Connection c, List<String> ids) throws SQLException {
    Sql.batch(
        c,
        "UPDATE canonical_ids SET Status = 'assigned' WHERE CanonicalId = ?",
        ids,
        (ps, id) -> ps.setString(1, id));
  }

  /*
   * H2 uses a parameter IN-list on the key's third column only to filter the (type, system) prefix
   * row by row, and for the claim's lock it scans idx_free: at 200,000 rows a 1,000-value lookup
   * took 2.8 s and the lock 4-5 s. Joining UNNEST of one array parameter makes both index point
   * lookups (16 ms and 26-88 ms).
   */
  @Override
  public String keyLookup(int size) {
    return "SELECT i.OntologyType, i.SourceSystem, i.SourceId, i.CanonicalId"
        + " FROM UNNEST(CAST(?3 AS VARCHAR(255) ARRAY)) t(x)"
        + " JOIN identifiers i ON i.OntologyType = ?1 AND i.SourceSystem = ?2 AND i.SourceId = t.x";
  }

  @Override
  public String lockFreeIds(int size) {
    return "SELECT c.CanonicalId FROM UNNEST(CAST(?1 AS VARCHAR(8) ARRAY)) t(x)"
        + " JOIN canonical_ids c ON c.CanonicalId = t.x WHERE c.Status = 'free'"
        + " FOR UPDATE SKIP LOCKED";
  }

  /** One array parameter of the distinct values. */
  @Override
  public void bindValues(PreparedStatement ps, int first, List<String> values) throws SQLException {
    ps.setArray(
        first,
        ps.getConnection()
            .createArrayOf("VARCHAR", new java.util.LinkedHashSet<>(values).toArray()));
  }

  @Override
  public String insertFreeIdIfAbsent() {
    return "INSERT INTO canonical_ids (CanonicalId, Status) SELECT CAST(?1 AS VARCHAR(8)), 'free'"
        + " WHERE NOT EXISTS (SELECT 1 FROM canonical_ids WHERE CanonicalId = ?1)";
  }

  @Override
  public String upsertAssignedId() {
    return "MERGE INTO canonical_ids t USING (VALUES (CAST(? AS VARCHAR(8)))) s(c) ON t.CanonicalId = s.c"
        + " WHEN MATCHED THEN UPDATE SET Status = 'assigned'"
        + " WHEN NOT MATCHED THEN INSERT (CanonicalId, Status) VALUES (s.c, 'assigned')";
  }

  @Override
  public String insertInheritanceIfAbsent() {
    return "INSERT INTO identifier_inheritance (OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
        + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId) SELECT CAST(?1 AS VARCHAR(255)),"
        + " CAST(?2 AS VARCHAR(255)), CAST(?3 AS VARCHAR(255)), CAST(?4 AS VARCHAR(255)), CAST(?5 AS VARCHAR(255)),"
        + " CAST(?6 AS VARCHAR(255)), CAST(?7 AS VARCHAR(8)) WHERE NOT EXISTS (SELECT 1 FROM identifier_inheritance"
        + " WHERE OntologyType = ?1 AND SourceSystem = ?2 AND SourceId = ?3)";
  }

  /** H2 analyzes one table per statement. */
  @Override
  public void refreshStatistics(Connection c, List<String> tables) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("ANALYZE TABLE " + table);
      }
    }
  }

  @Override
  public boolean isTransient(SQLException e) {
    // The process serving an auto-server database exited, or this one is taking the file over
    // (the same races as at open, or the pool found no connection meanwhile): run it again.
    if (e instanceof java.sql.SQLTransientConnectionException || transientAtOpen(e)) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        int code = s.getErrorCode();
        // When the serving process exits, the transaction it served is rolled back with it (H2
        // says so as a general error): run it again on a new connection.
        if (code == GENERAL_ERROR
            && s.getMessage() != null
            && s.getMessage().contains("has status ROLLED_BACK")) {
          return true;
        }
        // An idempotent insert racing another transaction's uncommitted insert of the same key
        // surfaces as a duplicate key once that transaction commits; running it again finds the
        // row.
        if (code == DEADLOCK
            || code == LOCK_TIMEOUT
            || code == CONCURRENT_UPDATE
            || code == DUPLICATE_KEY) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * H2 has no named locks: processes of one JVM opening the same database take turns on a lock per
   * database URL. (Separate processes share the embedded database through its server process, where
   * Flyway's own table lock applies.)
   */
  private static final java.util.Map<String, java.util.concurrent.locks.ReentrantLock>
      MIGRATION_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public boolean lockMigrations(Connection c, java.time.Duration wait) throws SQLException {
    try {
      return migrationLock(c).tryLock(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void unlockMigrations(Connection c) throws SQLException {
    migrationLock(c).unlock();
  }

  private static java.util.concurrent.locks.ReentrantLock migrationLock(Connection c)
      throws SQLException {
    return MIGRATION_LOCKS.computeIfAbsent(
        c.getMetaData().getURL(), url -> new java.util.concurrent.locks.ReentrantLock());
  }
}
