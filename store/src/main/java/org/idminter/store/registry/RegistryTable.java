package org.idminter.store.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.idminter.core.id.Flake64;
import org.idminter.store.sql.Sql;

/**
 * The registry's SQL that is the same on every database: lookups by either key in IN-lists of at
 * most {@link Sql#MAX_IN} values, and the per-type counter. (The insert differs per database and
 * lives in the dialects.)
 */
final class RegistryTable {
  /** One stored row, as read. */
  record Row(long internalId, String externalId, String entityType) {}

  private RegistryTable() {}

  static Map<String, Row> byExternal(Connection c, List<String> externalIds) throws SQLException {
    return read(c, "external_id", externalIds, PreparedStatement::setString, Row::externalId);
  }

  static Map<Long, Row> byInternal(Connection c, List<Long> internalIds) throws SQLException {
    return read(c, "internal_id", internalIds, PreparedStatement::setLong, Row::internalId);
  }

  private static <V> Map<V, Row> read(
      Connection c,
      String column,
      List<V> values,
      Sql.ValueBinder<V> binder,
      Function<Row, V> keyOf)
      throws SQLException {
    Map<V, Row> rows = new HashMap<>(values.size() * 2);
    for (Row r :
        Sql.queryIn(
            c,
            "SELECT internal_id, external_id, entity_type FROM entity_id_mapping WHERE "
                + column
                + " IN ",
            values,
            binder,
            "",
            (ResultSet rs) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3)))) {
      rows.put(keyOf.apply(r), r);
    }
    return rows;
  }

  /**
   * Takes the next {@code n} numbers of {@code type} from its counter row (locked by the UPDATE
   * until the transaction ends) and returns the first.
   */
  static long reserve(Connection c, String type, long n) throws SQLException {
    int updated =
        Sql.update(
            c,
            "UPDATE entity_id_counters SET next_number = next_number + ? WHERE entity_type = ?",
            ps -> {
              ps.setLong(1, n);
              ps.setString(2, type);
            });
    if (updated != 1) {
      throw new SQLException("entity_id_counters has no row for entity type '" + type + "'");
    }
    long next =
        Sql.queryLong(
            c,
            "SELECT next_number FROM entity_id_counters WHERE entity_type = ?",
            ps -> ps.setString(1, type));
    return next - n;
  }

  /** This database's identity (V4's idminter_instance row). */
  static String instanceId(Connection c) throws SQLException {
    List<String> ids =
        Sql.query(c, "SELECT instance_id FROM idminter_instance", ps -> {}, rs -> rs.getString(1));
    if (ids.size() != 1) {
      throw new SQLException(
          "idminter_instance holds " + ids.size() + " rows; it must hold exactly one");
    }
    return ids.get(0).trim();
  }

  /** A valid flake64 from a stored value, or a clear error naming the row. */
  static Flake64 internal(Row r) {
    try {
      return new Flake64(r.internalId());
    } catch (RuntimeException e) {
      throw new org.idminter.core.StoreException(
          "entity_id_mapping holds internal_id "
              + Long.toUnsignedString(r.internalId())
              + " for "
              + r.externalId()
              + ", which is not a flake64 ("
              + e.getMessage()
              + "); idminter never writes such a row: check what else writes to the table");
    }
  }
}
