package org.idminter.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.sql.Sql;

/**
 * The database's own limit, written as plainly as JDBC allows: the baselines idminter is measured
 * against. Deliberately independent of idminter's SQL helpers.
 */
final class RawJdbc {
  private RawJdbc() {}

  /** One multi-row INSERT of {@code keys} into identifiers; the i-th row gets {@code idOf(i)}. */
  static void insert(Connection c, List<SourceIdentifier> keys, IntFunction<String> idOf)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES ");
    for (int k = 0; k < keys.size(); k++) {
      sql.append(k == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (int k = 0; k < keys.size(); k++) {
        SourceIdentifier key = keys.get(k);
        ps.setString(p++, key.ontologyType());
        ps.setString(p++, key.sourceSystem());
        ps.setString(p++, key.sourceId());
        ps.setString(p++, idOf.apply(k));
      }
      ps.executeUpdate();
    }
  }

  /** One multi-row INSERT of {@code ids} into canonical_ids as assigned. */
  static void insertAssignedIds(Connection c, List<String> ids) throws SQLException {
    StringBuilder sql =
        new StringBuilder("INSERT INTO canonical_ids (CanonicalId, Status) VALUES ");
    for (int k = 0; k < ids.size(); k++) {
      sql.append(k == 0 ? "(?, 'assigned')" : ", (?, 'assigned')");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int k = 0; k < ids.size(); k++) {
        ps.setString(k + 1, ids.get(k));
      }
      ps.executeUpdate();
    }
  }

  /**
   * Plain primary-key SELECTs of {@code keys} (at most 1,000): one unpadded IN-list per (type,
   * system). Returns the rows read.
   */
  static int select(Connection c, List<SourceIdentifier> keys) throws SQLException {
    Map<List<String>, List<String>> groups = new LinkedHashMap<>();
    for (SourceIdentifier k : keys) {
      groups
          .computeIfAbsent(List.of(k.ontologyType(), k.sourceSystem()), g -> new ArrayList<>())
          .add(k.sourceId());
    }
    int rows = 0;
    for (Map.Entry<List<String>, List<String>> g : groups.entrySet()) {
      String sql =
          "SELECT SourceId, CanonicalId FROM identifiers WHERE OntologyType = ? AND SourceSystem = ?"
              + " AND SourceId IN ("
              + Sql.placeholders(g.getValue().size())
              + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, g.getKey().get(0));
        ps.setString(2, g.getKey().get(1));
        for (int i = 0; i < g.getValue().size(); i++) {
          ps.setString(3 + i, g.getValue().get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getString(2);
            rows++;
          }
        }
      }
    }
    return rows;
  }
}
