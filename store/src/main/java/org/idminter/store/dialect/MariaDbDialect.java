package org.idminter.store.dialect;

import java.util.Map;
import org.idminter.core.CanonicalId;

/** MariaDB through MariaDB Connector/J. */
final class MariaDbDialect extends MySqlFamilyDialect {
  @Override
  public String outsideTodaysFormat() {
    // A binary string makes REGEXP compare case-sensitively whatever the column's collation.
    return "CAST(CanonicalId AS BINARY) NOT REGEXP '" + CanonicalId.FORMAT + "'";
  }

  @Override
  public String name() {
    return "MariaDB";
  }

  @Override
  public Map<String, String> driverProperties() {
    // Bulk protocol: a whole batch in one round trip.
    return Map.of("useBulkStmts", "true");
  }

  @Override
  public String withRoomToGroup(String select) {
    // 16 MB by default: a million groups would spill to an on-disk table, several times slower.
    return "SET STATEMENT tmp_table_size = 268435456, max_heap_table_size = 268435456 FOR "
        + select;
  }
}
