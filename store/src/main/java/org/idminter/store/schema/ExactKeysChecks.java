package org.idminter.store.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.idminter.store.schema.ExactKeysPlan.KeyColumn;
import org.idminter.store.sql.Sql;

/** What stops a rollback of the exact-keys conversion: text written since that cannot go back. */
final class ExactKeysChecks {
  private ExactKeysChecks() {}

  /** Tables whose primary key is the key triple: two keys may not become equal there. */
  private static final List<String> KEYED = List.of("identifiers", "identifier_inheritance");

  private static final List<String> KEY = List.of("OntologyType", "SourceSystem", "SourceId");

  static List<String> rollbackRefusals(Connection c, List<KeyColumn> recorded) throws SQLException {
    List<String> refusals = new ArrayList<>();
    List<String> unfit = new ArrayList<>();
    for (KeyColumn k : recorded) {
      if (!k.charset().equals("utf8mb4")) {
        unfit.addAll(
            ExactKeysSql.values(
                c,
                k,
                " FROM "
                    + k.table()
                    + " WHERE "
                    + k.column()
                    + " IS NOT NULL AND CAST(CONVERT(CONVERT("
                    + k.column()
                    + " USING "
                    + k.charset()
                    + ") USING utf8mb4) AS BINARY) <> CAST("
                    + k.column()
                    + " AS BINARY)"));
      }
    }
    if (!unfit.isEmpty()) {
      refusals.add(
          unfit.size()
              + " value(s) written since do not fit the original character set: "
              + String.join(", ", unfit.stream().limit(10).toList()));
    }
    for (String table : KEYED) {
      List<KeyColumn> key =
          ExactKeysSql.columnsOf(recorded, table).stream()
              .filter(k -> KEY.contains(k.column()))
              .toList();
      if (key.size() != KEY.size()) {
        continue;
      }
      String groupBy =
          key.stream()
              .map(
                  k ->
                      "CONVERT("
                          + k.column()
                          + " USING "
                          + k.charset()
                          + ") COLLATE "
                          + k.collation())
              .collect(Collectors.joining(", "));
      List<String> same =
          Sql.query(
              c,
              "SELECT MIN(CONCAT(OntologyType, '[', SourceSystem, '/', SourceId, ']')),"
                  + " MAX(CONCAT(OntologyType, '[', SourceSystem, '/', SourceId, ']')) FROM "
                  + table
                  + " GROUP BY "
                  + groupBy
                  + " HAVING COUNT(*) > 1 LIMIT 10",
              ps -> {},
              rs -> rs.getString(1) + " and " + rs.getString(2));
      if (!same.isEmpty()) {
        refusals.add(
            table
                + " holds keys the original collation cannot tell apart: "
                + String.join("; ", same));
      }
    }
    return refusals;
  }
}
