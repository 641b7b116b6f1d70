package org.idminter.store.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.IdMapping;
import org.idminter.store.sql.Collisions;
import org.idminter.store.sql.Sql;

/** PostgreSQL through pgJDBC. */
final class PostgresDialect implements Dialect {
  private static final String KEEP_EXISTING_MAPPING =
      " ON CONFLICT (OntologyType, SourceSystem, SourceId) DO NOTHING";
  private static final String MARK_EXISTING_ASSIGNED =
      " ON CONFLICT (CanonicalId) DO UPDATE SET Status = 'assigned'";

  @Override
  public java.util.Optional<String> loadMeasure() {
    return java.util.Optional.of("active backends (pg_stat_activity)");
  }

  @Override
  public long serverLoad(Connection c) throws SQLException {
    return Sql.queryLong(
        c, "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active'", ps -> {});
  }

  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public Map<String, String> driverProperties() {
    // prepareThreshold=0: pgJDBC otherwise prepares a statement on the server after 5 executions,
    // and PostgreSQL may then switch it to a generic plan; for the 1,000-value IN-lists of a
    // lookup that was a sequential scan comparing every row with every parameter (measured: lookups
    // ~30x slower than plain SELECTs). Unnamed statements are always planned with their values.
    // (The session setting plan_cache_mode=force_custom_plan fixed it equally but would change
    // how everything else on the connection is planned.)
    return Map.of("reWriteBatchedInserts", "true", "prepareThreshold", "0");
  }

  /**
   * A batch's statement is prepared on the server from its first execution: with {@code
   * prepareThreshold=0} (above) pgJDBC parses and plans every row of a batch again. Measured:
   * 200,000 primary-key UPDATEs in batches of 10,000, 4.7 s unprepared, 1.8 s prepared.
   */
  @Override
  public void prepareForBatch(java.sql.PreparedStatement statement) throws SQLException {
    statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
  }

  @Override
  public String migrationFolder() {
    return "postgresql";
  }

  /**
   * Locks by primary key whatever the statistics say. With {@code Status = 'free'} usable as an
   * index condition, statistics taken before a large top-up (the table all 'assigned') made
   * PostgreSQL read every free entry of idx_free and filter it by the IN-list: at 300,000 mappings
   * and 160,000 free IDs, 159,000 rows removed by the filter and 113 ms per 1,000 IDs, against 5 ms
   * once analyzed. {@code Status || ''} is not indexable, so the plan is 1,000 primary-key probes.
   */
  @Override
  public String lockFreeIds(int size) {
    return "SELECT CanonicalId FROM canonical_ids WHERE CanonicalId IN ("
        + Sql.placeholders(size)
        + ") AND Status || '' = 'free' FOR UPDATE SKIP LOCKED";
  }

  @Override
  public String insertMappingIfAbsent(String table) {
    return "INSERT INTO "
        + table
        + " (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES (?, ?, ?, ?)"
        + KEEP_EXISTING_MAPPING;
  }

  /** ON CONFLICT DO NOTHING counts exactly the rows it inserted. */
  @Override
  public boolean insertMappingsIfAbsent(
      Connection c,
      String table,
      List<Map.Entry<SourceIdentifier, CanonicalId>> rows,
      Collisions collisions)
      throws SQLException {
    String[][] columns = new String[4][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      SourceIdentifier k = rows.get(i).getKey();
      columns[0][i] = k.ontologyType();
      columns[1][i] = k.sourceSystem();
      columns[2][i] = k.sourceId();
      columns[3][i] = rows.get(i).getValue().value();
    }
    long inserted =
        Sql.update(
            c,
            "INSERT INTO "
                + table
                + " "
                + MAPPING_COLUMNS
                + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])"
                + KEEP_EXISTING_MAPPING,
            ps -> {
              for (int col = 0; col < 4; col++) {
                ps.setArray(col + 1, c.createArrayOf("varchar", columns[col]));
              }
            });
    return inserted == rows.size();
  }

  /**
   * One array parameter instead of a VALUES row per ID: PostgreSQL parses and plans a multi-row
   * VALUES list row by row.
   */
  @Override
  public void insertNewAssignedIds(Connection c, List<CanonicalId> ids) throws SQLException {
    String[] values = ids.stream().map(CanonicalId::value).toArray(String[]::new);
    try {
      Sql.update(
          c,
          "INSERT INTO canonical_ids (CanonicalId, Status) SELECT unnest(?::varchar[]), 'assigned'",
          ps -> ps.setArray(1, c.createArrayOf("varchar", values)));
    } catch (SQLException e) {
      throw duplicateKey(e) ? Dialect.retryWithOtherIds(e) : e;
    }
  }

  /** ON CONFLICT DO NOTHING without a target: a collision on either key leaves that row out. */
  @Override
  public boolean insertEntityMappings(Connection c, List<IdMapping> rows, Collisions collisions)
      throws SQLException {
    long inserted =
        Sql.insertRows(
            c,
            "INSERT INTO entity_id_mapping " + ENTITY_MAPPING_COLUMNS,
            "(?, ?, ?)",
            " ON CONFLICT DO NOTHING",
            rows,
            Dialect::bindEntityMapping);
    return inserted == rows.size();
  }

  @Override
  public String insertFreeIdIfAbsent() {
    return "INSERT INTO canonical_ids (CanonicalId, Status) VALUES (?, 'free') ON CONFLICT (CanonicalId) DO NOTHING";
  }

  @Override
  public Optional<String> rowHash(List<String> texts) {
    // Text cannot hold a NUL character here, so the row is joined as bytes.
    String joined =
        texts.stream()
            .map(t -> "convert_to(COALESCE(" + t + ", 'null'), 'UTF8')")
            .collect(java.util.stream.Collectors.joining(" || '\\x00'::bytea || "));
    return Optional.of(
        "('x' || encode(substring(sha256(" + joined + ") from 1 for 8), 'hex'))::bit(64)::bigint");
  }

  @Override
  public Optional<String> keyHash(String text) {
    return Optional.of("hashtextextended(" + text + ", 0)");
  }

  /**
   * {@code unnest} of one array per column: PostgreSQL parses and plans a multi-row VALUES list row
   * by row (10,000 rows of four columns: 170 ms against 40 ms).
   */
  @Override
  public boolean bindsArrays() {
    return true;
  }

  @Override
  public String insertFromArrays(String table, List<String> columns, List<String> types) {
    StringBuilder arrays = new StringBuilder();
    for (String type : types) {
      arrays.append(arrays.length() == 0 ? "" : ", ").append("?::").append(type).append("[]");
    }
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") SELECT * FROM unnest("
        + arrays
        + ")";
  }

  /**
   * Nested loops only, until the transaction ends: with fresh statistics PostgreSQL hashed the
   * whole target for a 10,000-row chunk (a 1,000,000-row table: 280 ms a chunk against 110 ms).
   */
  @Override
  public List<String> forIndexedJoins() {
    return List.of("SET LOCAL enable_hashjoin = off", "SET LOCAL enable_mergejoin = off");
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
        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (OntologyType, SourceSystem, SourceId) DO NOTHING";
  }

  @Override
  public void refreshStatistics(Connection c, List<String> tables) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      s.execute("ANALYZE " + String.join(", ", tables));
    }
  }

  @Override
  public boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** An advisory lock key ("idminter" in ASCII); advisory locks are per database. */
  private static final long MIGRATION_LOCK = 0x69646d696e746572L;

  @Override
  public boolean lockMigrations(Connection c, java.time.Duration wait) throws SQLException {
    Sql.query(
        c,
        "SELECT set_config('lock_timeout', ?, false)",
        ps -> ps.setString(1, wait.toMillis() + "ms"),
        rs -> null);
    try {
      Sql.query(c, "SELECT pg_advisory_lock(?)", ps -> ps.setLong(1, MIGRATION_LOCK), rs -> null);
      return true;
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) {
        return false; // lock_not_available: the wait ran out
      }
      throw e;
    } finally {
      Sql.update(c, "RESET lock_timeout", ps -> {});
    }
  }

  @Override
  public void unlockMigrations(Connection c) throws SQLException {
    Sql.query(c, "SELECT pg_advisory_unlock(?)", ps -> ps.setLong(1, MIGRATION_LOCK), rs -> null);
  }
}
