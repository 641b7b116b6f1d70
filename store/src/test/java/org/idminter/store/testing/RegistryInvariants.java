package org.idminter.store.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.Qid;
import org.idminter.core.id.QidPrefixes;

/**
 * The registry's guarantees, read from its table: one internal ID per external ID and the reverse,
 * every internal ID a valid flake64, every external ID readable with its type agreeing with its
 * prefix. Returns the table as external → internal, for comparing snapshots.
 */
public final class RegistryInvariants {
  private RegistryInvariants() {}

  public static Map<String, Long> check(TestDatabase database) {
    Map<String, Long> byExternal = new HashMap<>();
    Map<Long, String> byInternal = new HashMap<>();
    List<String> violations = new ArrayList<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT internal_id, external_id, entity_type FROM entity_id_mapping")) {
      while (rs.next()) {
        long internal = rs.getLong(1);
        String external = rs.getString(2);
        String type = rs.getString(3);
        try {
          new Flake64(internal);
          Qid q = QidPrefixes.DEFAULT.parse(external);
          if (!q.entityType().equals(type)) {
            violations.add(external + " is stored as a " + type);
          }
        } catch (RuntimeException e) {
          violations.add(external + " / " + internal + ": " + e.getMessage());
        }
        if (byExternal.put(external, internal) != null) {
          violations.add("external ID " + external + " has two rows");
        }
        if (byInternal.put(internal, external) != null) {
          violations.add("internal ID " + internal + " has two rows");
        }
      }
    } catch (SQLException e) {
      throw new AssertionError("registry check could not run on " + database + ": " + e, e);
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "registry invariants violated on "
              + database
              + ":\n  "
              + String.join("\n  ", violations.subList(0, Math.min(10, violations.size()))));
    }
    return byExternal;
  }
}
