package org.idminter.store.dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
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

/**
 * Everything that differs between databases: driver properties, migration scripts, the idempotent
 * insert syntax, the locking claim and which errors are worth retrying. Nothing outside the
 * implementations of this interface branches on the vendor.
 */
public interface Dialect extends TableScans {
  /** A short name for messages: MySQL, MariaDB, PostgreSQL, H2. */
  String name();

  /** Driver properties this database needs (batch rewriting, TLS defaults). */
  default Map<String, String> driverProperties() {
    return Map.of();
  }

  /** SQL run on each new connection (strict mode on MySQL), if any. */
  default Optional<String> connectionInitSql() {
    return Optional.empty();
  }

  /** Folder under {@code db/migration/} that holds this database's Flyway scripts. */
  String migrationFolder();

  /** Placeholders for the migration scripts, chosen from the server actually connected to. */
  default Map<String, String> migrationPlaceholders(DatabaseMetaData server) throws SQLException {
    return Map.of();
  }

  /**
   * One window of the claim's candidate walk: free IDs in {@code range} (a condition on CanonicalId
   * with one or two parameters) in CanonicalId order, then the LIMIT parameter. It must read
   * idx_free in order and stop after LIMIT rows, never sort the rest of the free range (see {@code
   * FreeIdWalkPlansIT}). By default {@code ORDER BY Status, CanonicalId}, which H2 needs to see
   * that idx_free gives the order (with {@code ORDER BY CanonicalId} it read and sorted the rest).
   */
  default String freeIdWindow(String range) {
    return "SELECT CanonicalId FROM canonical_ids WHERE Status = 'free' AND "
        + range
        + " ORDER BY Status, CanonicalId LIMIT ?";
  }

  /** Inserts (OntologyType, SourceSystem, SourceId, CanonicalId) unless the key exists. */
  default String insertMappingIfAbsent() {
    return insertMappingIfAbsent("identifiers");
  }

  /** The same, into another table of the identifiers shape (the legacy migration's copy). */
  String insertMappingIfAbsent(String table);

  /**
   * Statements renaming tables {@code from → to}, pair by pair, as atomically as the database
   * allows: one statement on MySQL/MariaDB, one transaction on PostgreSQL, one statement per table
   * on H2 (whose DDL commits; callers resume a half-done rename).
   */
  default List<String> renameTables(List<Map.Entry<String, String>> renames) {
    return renames.stream()
        .map(r -> "ALTER TABLE " + r.getKey() + " RENAME TO " + r.getValue())
        .toList();
  }

  /**
   * Writes mappings (key → canonical ID) unless the key exists, in as few statements as this
   * database does fastest. Returns true only when the database proves that every row was inserted
   * as a new row, so the caller knows what the table holds without reading it back; false when some
   * key existed or the database cannot tell. A database that proves it with a plain INSERT may
   * instead throw {@link Collisions#met} (the transaction runs again, {@code collisions} expecting
   * existing rows): one instance of {@code collisions} must span the attempts of the unit of work.
   */
  boolean insertMappingsIfAbsent(
      Connection c,
      String table,
      List<Map.Entry<SourceIdentifier, CanonicalId>> rows,
      Collisions collisions)
      throws SQLException;

  /**
   * The columns of a mapping row, in the order {@link #insertMappingIfAbsent(String)} binds them.
   */
  static void bindMapping(
      PreparedStatement ps, int first, Map.Entry<SourceIdentifier, CanonicalId> row)
      throws SQLException {
    ps.setString(first, row.getKey().ontologyType());
    ps.setString(first + 1, row.getKey().sourceSystem());
    ps.setString(first + 2, row.getKey().sourceId());
    ps.setString(first + 3, row.getValue().value());
  }

  /** The column list of a mapping insert. */
  String MAPPING_COLUMNS = "(OntologyType, SourceSystem, SourceId, CanonicalId)";

  /** One row of values of a mapping insert. */
  String MAPPING_ROW = "(?, ?, ?, ?)";

  /**
   * Marks claimed IDs assigned: one UPDATE by IN-list per {@link Sql#MAX_PARAMETERS} IDs, several
   * times faster than a batch of single-row updates on MySQL, MariaDB and PostgreSQL.
   */
  default void markAssigned(Connection c, List<String> ids) throws SQLException {
    Sql.updateIn(c, "UPDATE canonical_ids SET Status = 'assigned' WHERE CanonicalId IN ", ids);
  }

  /**
   * Reads one (OntologyType, SourceSystem) group's mappings for {@code size} SourceIds, returning
   * OntologyType, SourceSystem, SourceId, CanonicalId. Parameters: type, system, then the values as
   * {@link #bindValues} binds them. By default an IN-list of parameters.
   */
  default String keyLookup(int size) {
    return "SELECT OntologyType, SourceSystem, SourceId, CanonicalId FROM identifiers"
        + " WHERE OntologyType = ? AND SourceSystem = ? AND SourceId IN ("
        + Sql.placeholders(size)
        + ")";
  }

  /**
   * Locks those of {@code size} IDs that are still free, skipping IDs other transactions hold;
   * returns CanonicalId. Parameters: the IDs as {@link #bindValues} binds them. No default: each
   * database needs its own form to probe one row per ID by primary key whatever its statistics say
   * (see {@code ClaimLockPlansIT}).
   */
  String lockFreeIds(int size);

  /**
   * Binds the values of {@link #keyLookup} or {@link #lockFreeIds} from parameter {@code first}:
   * one parameter per value by default.
   */
  default void bindValues(PreparedStatement ps, int first, List<String> values)
      throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      ps.setString(first + i, values.get(i));
    }
  }

  /**
   * Inserts new IDs as assigned with one plain INSERT per {@link Sql#MAX_PARAMETERS} IDs. An ID
   * that exists already (free or assigned) fails the statement on the primary key; that is thrown
   * as {@link RetryTransaction}, so the whole transaction is rolled back (never continued past the
   * failed statement: see {@link Collisions}) and run again, drawing other IDs.
   */
  default void insertNewAssignedIds(Connection c, List<CanonicalId> ids) throws SQLException {
    try {
      Sql.insertRows(
          c,
          "INSERT INTO canonical_ids (CanonicalId, Status)",
          "(?, 'assigned')",
          "",
          ids,
          (ps, first, id) -> ps.setString(first, id.value()));
    } catch (SQLException e) {
      throw duplicateKey(e) ? retryWithOtherIds(e) : e;
    }
  }

  /** The failure of {@link #insertNewAssignedIds} on an existing ID: run the transaction again. */
  static RetryTransaction retryWithOtherIds(SQLException duplicate) {
    RetryTransaction retry =
        new RetryTransaction(
            "a newly generated canonical ID exists already in canonical_ids: running the"
                + " transaction again with other IDs");
    retry.initCause(duplicate);
    return retry;
  }

  /** Whether {@code e} is a unique or primary key violation (SQLState 23505 by default). */
  default boolean duplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /** Deletes the canonical IDs {@code ids} (IDs a mint inserted and then did not use). */
  default void deleteIds(Connection c, List<String> ids) throws SQLException {
    Sql.updateIn(c, "DELETE FROM canonical_ids WHERE CanonicalId IN ", ids);
  }

  /**
   * Whether, when {@code IDMINTER_ID_SOURCE} is not set, a mint generates its new IDs and inserts
   * them as assigned ({@code claim}) rather than claiming them from the free pool ({@code pool}).
   * Yes on every database idminter mints on: measured faster on each (docs/benchmarks.md, "Where
   * new IDs come from"), with the same guarantees.
   */
  default boolean insertsNewIdsByDefault() {
    return true;
  }

  /**
   * A condition true for a CanonicalId outside today's format ({@link CanonicalId#FORMAT}, compared
   * case-sensitively): an ID minted under older rules.
   */
  default String outsideTodaysFormat() {
    return "CanonicalId !~ '" + CanonicalId.FORMAT + "'";
  }

  /** Inserts a free CanonicalId unless that ID exists (free or assigned). */
  String insertFreeIdIfAbsent();

  /** Inserts an assigned CanonicalId, or marks an existing free one assigned. */
  String upsertAssignedId();

  /**
   * {@link #upsertAssignedId()} for many distinct IDs in as few statements as this database does
   * fastest (a JDBC batch unless overridden).
   */
  default void upsertAssignedIds(Connection c, List<CanonicalId> ids) throws SQLException {
    Sql.batch(c, upsertAssignedId(), ids, (ps, id) -> ps.setString(1, id.value()));
  }

  /**
   * Inserts registry rows whose internal ID and external ID are both unused, leaving any row that
   * would collide with either unwritten, in as few statements as this database does fastest.
   * Returns true only when the database proves every row was inserted; false when some row was not
   * or it cannot tell (the caller reads the rows back). May throw {@link Collisions#met}, as {@link
   * #insertMappingsIfAbsent} does.
   */
  boolean insertEntityMappings(Connection c, List<IdMapping> rows, Collisions collisions)
      throws SQLException;

  /**
   * Called first in every registry write transaction: where concurrent registrations of one
   * external ID cannot be settled by the insert itself, makes them take turns. By default nothing:
   * MySQL, MariaDB and PostgreSQL make the second insert wait for the first to commit.
   */
  default void serializeRegistryWrites(Connection c) throws SQLException {}

  /** The registry row's columns, in the order {@link #bindEntityMapping} binds them. */
  String ENTITY_MAPPING_COLUMNS = "(internal_id, external_id, entity_type)";

  static void bindEntityMapping(PreparedStatement ps, int first, IdMapping row)
      throws SQLException {
    ps.setLong(first, row.internalId().value());
    ps.setString(first + 1, row.externalId().toString());
    ps.setString(first + 2, row.entityType());
  }

  /** Inserts an inheritance record (key, predecessor, CanonicalId) unless the key has one. */
  String insertInheritanceIfAbsent();

  /**
   * How long to keep trying to get the first connection before failing (0: fail at once, so an
   * unreachable server is reported without delay).
   */
  default java.time.Duration openRetryWindow() {
    return java.time.Duration.ZERO;
  }

  /**
   * What the server is busy with right now, for pausing bulk work while it is busier than a
   * threshold: its name ({@code Threads_running}) and a reading; empty when this database has no
   * such measure (H2).
   */
  default Optional<String> loadMeasure() {
    return Optional.empty();
  }

  /** The current reading of {@link #loadMeasure()}. */
  default long serverLoad(Connection c) throws SQLException {
    throw new UnsupportedOperationException(name() + " has no load measure");
  }

  /**
   * The connection pool's judge of which of this database's errors mean the connection is dead
   * (beyond the standard SQLState class 08), if the pool needs one.
   */
  default java.util.Optional<Class<?>> connectionLossOverride() {
    return java.util.Optional.empty();
  }

  /**
   * True when a failure to open the store may pass if opening is tried again (processes racing to
   * start an embedded database); false for a server database, whose failures are reported at once.
   */
  default boolean transientAtOpen(Throwable e) {
    return false;
  }

  /** Deadlocks, lock timeouts and serialization failures: the transaction may be run again. */
  boolean isTransient(SQLException e);

  /**
   * Refreshes the query planner's statistics of {@code tables}, in auto-commit mode (MySQL commits
   * implicitly around ANALYZE TABLE). Bulk writers call it as a table grows: a plan chosen while
   * the statistics describe an almost empty table can scan what has since become millions of rows
   * (PostgreSQL answered a 1,000-key lookup by scanning the key's whole type and system).
   */
  default void refreshStatistics(Connection c, List<String> tables) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      if (s.execute("ANALYZE TABLE " + String.join(", ", tables))) {
        try (java.sql.ResultSet rs = s.getResultSet()) {
          // MySQL and MariaDB report a failure per table as a row, not as an exception.
          while (rs.next()) {
            if ("error".equalsIgnoreCase(rs.getString("Msg_type"))) {
              throw new SQLException(
                  "ANALYZE TABLE " + rs.getString("Table") + ": " + rs.getString("Msg_text"));
            }
          }
        }
      }
    }
  }

  /**
   * Takes this database's schema-migration lock on {@code c} (a session lock, held until {@link
   * #unlockMigrations}), waiting up to {@code wait}; false if another session held it that long.
   * Processes started together with --apply-migrations take turns: Flyway's own lock comes too late
   * on MySQL, where a second process finds the first one's new, still empty history table and
   * refuses to baseline it. By default (H2) no lock: its processes share one server process.
   */
  default boolean lockMigrations(Connection c, java.time.Duration wait) throws SQLException {
    return true;
  }

  /** Releases {@link #lockMigrations}. */
  default void unlockMigrations(Connection c) throws SQLException {}

  /**
   * Whether idminter may keep its identifiers here (false for SQLite, which idminter reaches only
   * as the target of a backfill).
   */
  default boolean holdsIdentifiers() {
    return true;
  }

  /**
   * What ends a SELECT that locks the rows it reads until the transaction ends (SQLite has none:
   * its transactions take the whole file's write lock, and a conflicting writer fails as busy).
   */
  default String lockingRead() {
    return " FOR UPDATE";
  }

  /**
   * What ends a SELECT that locks the rows it reads against writers but not against other shared
   * readers (H2 has no shared row lock: its readers take turns).
   */
  default String sharedRead() {
    return " FOR SHARE";
  }

  /**
   * Why the database a URL names cannot be opened without creating it, if so (a SQLite file that is
   * not there: opening it would create an empty one).
   */
  default Optional<String> missing(String jdbcUrl) {
    return Optional.empty();
  }

  /**
   * Sets up a statement that will run as one large batch of the same statement (a migration's
   * per-row updates): where a database plans each execution by default, plan it once.
   */
  default void prepareForBatch(PreparedStatement statement) throws SQLException {}

  /** The isolation every transaction runs at (HikariCP's name for it). */
  default String isolation() {
    return "TRANSACTION_READ_COMMITTED";
  }

  /**
   * The most connections worth opening: the configured number, or fewer where the database takes
   * one writer at a time.
   */
  default int connectionLimit(int configured) {
    return configured;
  }

  /** Picks the dialect from a JDBC URL, or fails naming the URL and the supported kinds. */
  static Dialect forUrl(String jdbcUrl) {
    return Dialects.forUrl(jdbcUrl);
  }
}
