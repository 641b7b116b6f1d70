package org.idminter.store.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Every row of the tables that hold mappings, as text: equal snapshots mean equal mappings. */
public final class MappingTables {
  private MappingTables() {}

  private static final List<String> QUERIES =
      List.of(
          "SELECT OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt FROM identifiers"
              + " ORDER BY OntologyType, SourceSystem, SourceId",
          "SELECT OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
              + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId, CreatedAt"
              + " FROM identifier_inheritance ORDER BY OntologyType, SourceSystem, SourceId",
          "SELECT CanonicalId, Status FROM canonical_ids ORDER BY CanonicalId",
          "SELECT CanonicalId, TargetId FROM identifier_redirects ORDER BY CanonicalId",
          "SELECT Alias, CanonicalSystem FROM source_system_aliases ORDER BY Alias");

  public static String snapshot(TestDatabase db) {
    List<String> out = new ArrayList<>();
    for (String sql : QUERIES) {
      out.add("-- " + sql.substring(sql.indexOf(" FROM ") + 6).split(" ")[0]);
      out.addAll(rows(db, sql));
    }
    return String.join("\n", out);
  }

  /** Each row of {@code sql}'s result, its columns joined by spaces. */
  public static List<String> rows(TestDatabase db, String sql) {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i == 1 ? "" : " ").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
