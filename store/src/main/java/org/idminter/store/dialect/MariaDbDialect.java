package org.idminter.store.dialect;

import java.util.Map;

/** MariaDB through MariaDB Connector/J. */
final class MariaDbDialect extends MySqlFamilyDialect {
  @Override
  public String name() {
    return "MariaDB";
  }

  @Override
  public Map<String, String> driverProperties() {
    // Bulk protocol: a whole batch in one round trip.
    return Map.of("useBulkStmts", "true");
  }
}
