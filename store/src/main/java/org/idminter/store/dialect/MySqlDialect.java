package org.idminter.store.dialect;

import java.util.Map;
import org.idminter.core.CanonicalId;

/** MySQL 8 and Aurora MySQL through MySQL Connector/J. */
final class MySqlDialect extends MySqlFamilyDialect {
  @Override
  public String outsideTodaysFormat() {
    // MySQL 8 refuses binary strings in its regular expression functions: 'c' is case-sensitive.
    return "NOT REGEXP_LIKE(CanonicalId, '" + CanonicalId.FORMAT + "', 'c')";
  }

  @Override
  public String name() {
    return "MySQL";
  }

  @Override
  public Map<String, String> driverProperties() {
    // Batches become multi-row INSERTs: one round trip instead of one per row.
    return Map.of("rewriteBatchedStatements", "true", "cachePrepStmts", "true");
  }
}
