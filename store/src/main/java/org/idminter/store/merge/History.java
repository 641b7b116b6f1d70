package org.idminter.store.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.sql.Sql;

/** The append-only {@code identifier_history}: rows written inside the caller's transaction. */
public final class History {
  private History() {}

  /** A change to write: the key (null for a change to an ID itself), the ID, old and new ID. */
  public record HistoryRow(
      SourceIdentifier key, CanonicalId id, CanonicalId oldId, CanonicalId newId, String op) {}

  public static void write(
      Connection c, List<HistoryRow> rows, String runId, Optional<String> reason)
      throws SQLException {
    Sql.insertRows(
        c,
        "INSERT INTO identifier_history (OntologyType, SourceSystem, SourceId, CanonicalId, OldId,"
            + " NewId, Operation, RunId, Reason)",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "",
        rows,
        (ps, i, r) -> {
          ps.setString(i, r.key() == null ? null : r.key().ontologyType());
          ps.setString(i + 1, r.key() == null ? null : r.key().sourceSystem());
          ps.setString(i + 2, r.key() == null ? null : r.key().sourceId());
          ps.setString(i + 3, r.id().value());
          text(ps, i + 4, r.oldId());
          text(ps, i + 5, r.newId());
          ps.setString(i + 6, r.op());
          ps.setString(i + 7, runId);
          ps.setString(i + 8, reason.orElse(null));
        });
  }

  private static void text(java.sql.PreparedStatement ps, int i, CanonicalId id)
      throws SQLException {
    if (id == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, id.value());
    }
  }

  /** History rows matching {@code where} (bound to {@code values}, in order), oldest first. */
  public static List<HistoryEntry> read(Connection c, String where, List<?> values)
      throws SQLException {
    return Sql.query(
        c,
        "SELECT Id, OntologyType, SourceSystem, SourceId, CanonicalId, OldId, NewId, Operation,"
            + " RunId, Reason, CreatedAt FROM identifier_history"
            + where
            + " ORDER BY Id",
        ps -> {
          for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
          }
        },
        rs ->
            new HistoryEntry(
                rs.getLong(1),
                rs.getString(2) == null
                    ? Optional.empty()
                    : Optional.of(
                        new SourceIdentifier(rs.getString(2), rs.getString(3), rs.getString(4))),
                new CanonicalId(rs.getString(5)),
                Optional.ofNullable(rs.getString(6)).map(CanonicalId::new),
                Optional.ofNullable(rs.getString(7)).map(CanonicalId::new),
                rs.getString(8),
                rs.getString(9),
                Optional.ofNullable(rs.getString(10)),
                Merges.instant(rs.getTimestamp(11))));
  }
}
