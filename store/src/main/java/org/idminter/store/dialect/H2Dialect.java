package org.idminter.store.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** H2 2.x, the embedded default. */
final class H2Dialect implements Dialect {
  private static final int DEADLOCK = 40001;
  private static final int LOCK_TIMEOUT = 50200;
  private static final int CONCURRENT_UPDATE = 90131;
  private static final int DUPLICATE_KEY = 23505;

  @Override
  public String name() {
    return "H2";
  }

  @Override
  public Map<String, String> driverProperties() {
    return Map.of();
  }

  @Override
  public Optional<String> connectionInitSql() {
    return Optional.empty();
  }

  @Override
  public String migrationFolder() {
    return "h2";
  }

  @Override
  public Map<String, String> migrationPlaceholders(DatabaseMetaData server) throws SQLException {
    return Map.of();
  }

  @Override
  public String freeIdIndexHint() {
    return "";
  }


  @Override
  public String insertMappingIfAbsent() {
    return "MERGE INTO identifiers t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)),"
        + " CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(8)))) s(o, y, v, c)"
        + " ON t.OntologyType = s.o AND t.SourceSystem = s.y AND t.SourceId = s.v"
        + " WHEN NOT MATCHED THEN INSERT (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES (s.o, s.y, s.v, s.c)";
  }

  @Override
  public String insertFreeIdIfAbsent() {
    return "MERGE INTO canonical_ids t USING (VALUES (CAST(? AS VARCHAR(8)))) s(c) ON t.CanonicalId = s.c"
        + " WHEN NOT MATCHED THEN INSERT (CanonicalId, Status) VALUES (s.c, 'free')";
  }

  @Override
  public String upsertAssignedId() {
    return "MERGE INTO canonical_ids t USING (VALUES (CAST(? AS VARCHAR(8)))) s(c) ON t.CanonicalId = s.c"
        + " WHEN MATCHED THEN UPDATE SET Status = 'assigned'"
        + " WHEN NOT MATCHED THEN INSERT (CanonicalId, Status) VALUES (s.c, 'assigned')";
  }

  @Override
  public String insertInheritanceIfAbsent() {
    return "MERGE INTO identifier_inheritance t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)),"
        + " CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)),"
        + " CAST(? AS VARCHAR(8)))) s(o, y, v, po, py, pv, c)"
        + " ON t.OntologyType = s.o AND t.SourceSystem = s.y AND t.SourceId = s.v"
        + " WHEN NOT MATCHED THEN INSERT (OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
        + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId) VALUES (s.o, s.y, s.v, s.po, s.py, s.pv, s.c)";
  }

  @Override
  public boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        int code = s.getErrorCode();
        // A MERGE racing another transaction's uncommitted insert of the same key surfaces as a
        // duplicate key once that transaction commits; running the mint again finds the row.
        if (code == DEADLOCK || code == LOCK_TIMEOUT || code == CONCURRENT_UPDATE || code == DUPLICATE_KEY) {
          return true;
        }
      }
    }
    return false;
  }
}
