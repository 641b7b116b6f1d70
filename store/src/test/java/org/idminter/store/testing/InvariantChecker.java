package org.idminter.store.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's guarantees, checked in SQL: no key with two IDs, no ID shared except through a
 * recorded inheritance or merge, every used ID assigned, inheritance records consistent, IDs well
 * formed; and where merges exist, no key on a redirect and no redirect pointing at one.
 */
public final class InvariantChecker {
  /** Keys whose ID came from a merge (their merge is in the history) share it by design. */
  private static final String MERGED =
      " AND NOT EXISTS (SELECT 1 FROM identifier_history m WHERE m.Operation = 'merge'"
          + " AND m.OntologyType = i.OntologyType AND m.SourceSystem = i.SourceSystem"
          + " AND m.SourceId = i.SourceId AND m.NewId = i.CanonicalId)";

  private static final String[][] CHECKS = {
    {
      "a key has two canonical IDs",
      "SELECT OntologyType, SourceSystem, SourceId FROM identifiers GROUP BY OntologyType, SourceSystem, SourceId"
          + " HAVING COUNT(DISTINCT CanonicalId) > 1"
    },
    {
      "a canonical ID used by a mapping is not assigned",
      "SELECT i.CanonicalId FROM identifiers i LEFT JOIN canonical_ids c ON c.CanonicalId = i.CanonicalId"
          + " WHERE c.CanonicalId IS NULL OR c.Status <> 'assigned'"
    },
    {
      "a canonical ID is shared by keys without a recorded inheritance or merge",
      "SELECT i.CanonicalId FROM identifiers i WHERE NOT EXISTS (SELECT 1 FROM identifier_inheritance h"
          + " WHERE h.OntologyType = i.OntologyType AND h.SourceSystem = i.SourceSystem AND h.SourceId = i.SourceId"
          + " AND h.CanonicalId = i.CanonicalId)"
          + MERGED
          + " GROUP BY i.CanonicalId HAVING COUNT(*) > 1"
    },
    {
      "an inheritance record disagrees with the key's mapping",
      "SELECT h.SourceId FROM identifier_inheritance h LEFT JOIN identifiers i ON h.OntologyType = i.OntologyType"
          + " AND h.SourceSystem = i.SourceSystem AND h.SourceId = i.SourceId"
          + " WHERE i.CanonicalId IS NULL OR i.CanonicalId <> h.CanonicalId"
    },
    {
      "an inheritance record disagrees with its predecessor's mapping",
      "SELECT h.SourceId FROM identifier_inheritance h LEFT JOIN identifiers p ON h.PredecessorOntologyType = p.OntologyType"
          + " AND h.PredecessorSourceSystem = p.SourceSystem AND h.PredecessorSourceId = p.SourceId"
          + " WHERE p.CanonicalId IS NULL OR p.CanonicalId <> h.CanonicalId"
    },
    {
      "a canonical ID has the wrong length",
      "SELECT CanonicalId FROM canonical_ids WHERE LENGTH(CanonicalId) <> 8"
    },
  };

  /** Checks that need schema version 5 (merges). */
  private static final String[][] MERGE_CHECKS = {
    {
      "a key maps to a redirect",
      "SELECT i.CanonicalId FROM identifiers i JOIN identifier_redirects r ON r.CanonicalId = i.CanonicalId"
    },
    {
      "a redirect points at a redirect",
      "SELECT r.CanonicalId FROM identifier_redirects r JOIN identifier_redirects t ON t.CanonicalId = r.TargetId"
    },
    {
      "a redirect's ID or target is not assigned",
      "SELECT r.CanonicalId FROM identifier_redirects r WHERE NOT EXISTS (SELECT 1 FROM canonical_ids c"
          + " WHERE c.CanonicalId = r.CanonicalId AND c.Status = 'assigned') OR NOT EXISTS (SELECT 1"
          + " FROM canonical_ids t WHERE t.CanonicalId = r.TargetId AND t.Status = 'assigned')"
    },
  };

  /** Checks that need schema version 6 (source-system aliases). */
  private static final String[][] ALIAS_CHECKS = {
    {
      "a key is stored under an alias system",
      "SELECT i.SourceSystem FROM identifiers i JOIN source_system_aliases a ON a.Alias = i.SourceSystem"
    },
    {
      "an inheritance record names a key under an alias system",
      "SELECT h.SourceSystem FROM identifier_inheritance h JOIN source_system_aliases a"
          + " ON a.Alias = h.SourceSystem OR a.Alias = h.PredecessorSourceSystem"
    },
    {
      "an alias's canonical system is itself an alias",
      "SELECT a.Alias FROM source_system_aliases a JOIN source_system_aliases b ON b.Alias = a.CanonicalSystem"
    },
  };

  private InvariantChecker() {}

  private static boolean hasTable(Connection c, String table) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Throws AssertionError listing every violated invariant with examples. */
  public static void check(TestDatabase database) {
    List<String> violations = new ArrayList<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      boolean merges = hasTable(c, "identifier_history");
      List<String[]> checks = new ArrayList<>();
      for (String[] check : CHECKS) {
        checks.add(merges ? check : new String[] {check[0], check[1].replace(MERGED, "")});
      }
      if (merges) {
        checks.addAll(List.of(MERGE_CHECKS));
      }
      if (hasTable(c, "source_system_aliases")) {
        checks.addAll(List.of(ALIAS_CHECKS));
      }
      for (String[] check : checks) {
        try (ResultSet rs = s.executeQuery(check[1])) {
          List<String> examples = new ArrayList<>();
          while (rs.next() && examples.size() < 5) {
            examples.add(rs.getString(1));
          }
          if (!examples.isEmpty()) {
            violations.add(check[0] + ": " + examples);
          }
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(
          "invariant check could not run on " + database + ": " + e.getMessage(), e);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "store invariants violated on " + database + ":\n  " + String.join("\n  ", violations));
    }
  }
}
