package org.idminter.store.dialect;

import java.sql.SQLException;
import java.util.Map;

/** PostgreSQL through pgJDBC. */
final class PostgresDialect implements Dialect {
  @Override
  public String name() {
    return "PostgreSQL";
  }

  @Override
  public Map<String, String> driverProperties() {
    return Map.of("reWriteBatchedInserts", "true");
  }

  @Override
  public String migrationFolder() {
    return "postgresql";
  }

  @Override
  public String freeIdIndexHint() {
    return "";
  }

  @Override
  public String insertMappingIfAbsent(String table) {
    return "INSERT INTO "
        + table
        + " (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES (?, ?, ?, ?)"
        + " ON CONFLICT (OntologyType, SourceSystem, SourceId) DO NOTHING";
  }

  @Override
  public String insertFreeIdIfAbsent() {
    return "INSERT INTO canonical_ids (CanonicalId, Status) VALUES (?, 'free') ON CONFLICT (CanonicalId) DO NOTHING";
  }

  @Override
  public String upsertAssignedId() {
    return "INSERT INTO canonical_ids (CanonicalId, Status) VALUES (?, 'assigned')"
        + " ON CONFLICT (CanonicalId) DO UPDATE SET Status = 'assigned'";
  }

  @Override
  public String insertInheritanceIfAbsent() {
    return "INSERT INTO identifier_inheritance (OntologyType, SourceSystem, SourceId,"
        + " PredecessorOntologyType, PredecessorSourceSystem, PredecessorSourceId, CanonicalId)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (OntologyType, SourceSystem, SourceId) DO NOTHING";
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
}
