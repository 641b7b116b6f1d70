package org.idminter.store.systems;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.StoreException;
import org.idminter.store.merge.History;
import org.idminter.store.merge.History.HistoryRow;
import org.idminter.store.sql.Sql;
import org.idminter.store.systems.AliasPlan.InheritanceRow;
import org.idminter.store.systems.AliasPlan.KeyRow;

/**
 * The writes of an alias run, inside the caller's transaction (which holds the key space
 * exclusively): rows about to be deleted or rewritten are saved first, every mapping's change is
 * written to the history, then the inheritance records and the mappings change.
 */
final class AliasSql {
  static final String REKEY = "alias-rekey";
  static final String RETIRE = "alias-retire";
  static final String UNDO = "alias-undo";

  private static final String KEY = "OntologyType = ? AND SourceSystem = ? AND SourceId = ?";

  private static final String SAVE_COLUMNS =
      "RunId, TableName, OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
          + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId, CreatedAt, Action";

  private AliasSql() {}

  static void apply(Connection c, AliasPlan plan, String runId) throws SQLException {
    if (!plan.collisions().isEmpty()) {
      throw new IllegalStateException("collisions are merged before the rows move");
    }
    Optional<String> reason =
        Optional.of(plan.alias() + " is an alias of " + plan.canonical() + " (" + runId + ")");
    for (String action : List.of("moved", "retired")) {
      save(
          c,
          "'identifier_inheritance', OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
              + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId, CreatedAt, ? FROM"
              + " identifier_inheritance",
          plan.inheritance().stream()
              .filter(i -> i.action().equals(action))
              .map(InheritanceRow::key)
              .toList(),
          runId,
          action);
    }
    save(
        c,
        "'identifiers', OntologyType, SourceSystem, SourceId, NULL, NULL, NULL, CanonicalId,"
            + " CreatedAt, ? FROM identifiers",
        plan.retire().stream().map(KeyRow::key).toList(),
        runId,
        "retired");
    List<HistoryRow> history = new ArrayList<>();
    plan.rekey().forEach(r -> history.add(new HistoryRow(r.key(), r.id(), r.id(), r.id(), REKEY)));
    plan.retire()
        .forEach(r -> history.add(new HistoryRow(r.key(), r.id(), r.id(), r.id(), RETIRE)));
    History.write(c, history, runId, reason);

    List<InheritanceRow> retired =
        plan.inheritance().stream().filter(i -> i.action().equals("retired")).toList();
    expect(
        Sql.batch(
            c,
            "DELETE FROM identifier_inheritance WHERE " + KEY,
            retired,
            (ps, i) -> bindKey(ps, 1, i.key())),
        retired.size(),
        "retiring inheritance records");
    List<InheritanceRow> moved =
        plan.inheritance().stream().filter(i -> i.action().equals("moved")).toList();
    expect(
        Sql.batch(
            c,
            "UPDATE identifier_inheritance SET SourceSystem = ?, PredecessorSourceSystem = ?"
                + " WHERE "
                + KEY,
            moved,
            (ps, i) -> {
              ps.setString(1, i.newKey().orElseThrow().sourceSystem());
              ps.setString(2, i.newPredecessor().orElseThrow().sourceSystem());
              bindKey(ps, 3, i.key());
            }),
        moved.size(),
        "moving inheritance records");
    expect(
        Sql.batch(
            c,
            "DELETE FROM identifiers WHERE " + KEY + " AND CanonicalId = ?",
            plan.retire(),
            (ps, r) -> bindRow(ps, 1, r)),
        plan.retire().size(),
        "retiring duplicate mappings");
    expect(
        Sql.batch(
            c,
            "UPDATE identifiers SET SourceSystem = ?, CreatedAt = CreatedAt WHERE "
                + KEY
                + " AND CanonicalId = ?",
            plan.rekey(),
            (ps, r) -> {
              ps.setString(1, plan.canonical());
              bindRow(ps, 2, r);
            }),
        plan.rekey().size(),
        "rekeying mappings");
  }

  /** Saved inheritance records of a run whose alias keys were renamed (action moved). */
  static List<AliasPlanner.Inheritance> savedMoved(Connection c, String runId) throws SQLException {
    return Sql.query(
        c,
        "SELECT OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
            + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId"
            + " FROM source_system_alias_saved WHERE RunId = ? AND TableName ="
            + " 'identifier_inheritance' AND Action = 'moved'",
        ps -> ps.setString(1, runId),
        AliasPlanner.Inheritance::read);
  }

  /** Saved mappings of a run (the retired duplicates). */
  static List<KeyRow> savedMappings(Connection c, String runId) throws SQLException {
    return Sql.query(
        c,
        "SELECT OntologyType, SourceSystem, SourceId, CanonicalId FROM source_system_alias_saved"
            + " WHERE RunId = ? AND TableName = 'identifiers' ORDER BY OntologyType, SourceId",
        ps -> ps.setString(1, runId),
        AliasPlanner::keyRow);
  }

  /**
   * Puts back what run {@code runId} changed: renamed inheritance records are deleted in their new
   * form and every saved record and mapping is inserted as it was; rekeyed mappings move back.
   */
  static void restore(
      Connection c,
      String runId,
      String alias,
      String canonical,
      List<KeyRow> rekeyed,
      List<AliasPlanner.Inheritance> moved)
      throws SQLException {
    Sql.batch(
        c,
        "DELETE FROM identifier_inheritance WHERE " + KEY,
        moved,
        (ps, i) -> bindKey(ps, 1, AliasPlanner.renamedIf(i.key(), alias, canonical)));
    Sql.update(
        c,
        "INSERT INTO identifier_inheritance (OntologyType, SourceSystem, SourceId,"
            + " PredecessorOntologyType, PredecessorSourceSystem, PredecessorSourceId, CanonicalId,"
            + " CreatedAt) SELECT OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
            + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId, CreatedAt FROM"
            + " source_system_alias_saved WHERE RunId = ? AND TableName = 'identifier_inheritance'",
        ps -> ps.setString(1, runId));
    expect(
        Sql.batch(
            c,
            "UPDATE identifiers SET SourceSystem = ?, CreatedAt = CreatedAt WHERE "
                + KEY
                + " AND CanonicalId = ?",
            rekeyed,
            (ps, r) -> {
              ps.setString(1, alias);
              bindRow(ps, 2, new KeyRow(AliasPlanner.renamed(r.key(), canonical), r.id()));
            }),
        rekeyed.size(),
        "moving mappings back");
    Sql.update(
        c,
        "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt)"
            + " SELECT OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt FROM"
            + " source_system_alias_saved WHERE RunId = ? AND TableName = 'identifiers'",
        ps -> ps.setString(1, runId));
    Sql.update(
        c, "DELETE FROM source_system_alias_saved WHERE RunId = ?", ps -> ps.setString(1, runId));
  }

  /**
   * Copies the rows of {@code keys} into the saved table: {@code INSERT … SELECT} by a row-value
   * IN-list of at most {@value Sql#MAX_IN} keys (MariaDB cannot run INSERT … SELECT as a batch).
   */
  private static void save(
      Connection c, String columnsFrom, List<SourceIdentifier> keys, String runId, String action)
      throws SQLException {
    for (int from = 0; from < keys.size(); from += Sql.MAX_IN) {
      List<SourceIdentifier> chunk = keys.subList(from, Math.min(keys.size(), from + Sql.MAX_IN));
      String list = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?, ?)"));
      Sql.update(
          c,
          "INSERT INTO source_system_alias_saved ("
              + SAVE_COLUMNS
              + ") SELECT ?, "
              + columnsFrom
              + " WHERE (OntologyType, SourceSystem, SourceId) IN ("
              + list
              + ")",
          ps -> {
            ps.setString(1, runId);
            ps.setString(2, action);
            for (int i = 0; i < chunk.size(); i++) {
              bindKey(ps, 3 + 3 * i, chunk.get(i));
            }
          });
    }
  }

  private static void expect(long changed, int expected, String what) {
    if (changed >= 0 && changed != expected) {
      throw new StoreException(
          what
              + " changed "
              + changed
              + " row(s) where "
              + expected
              + " were planned; nothing was changed");
    }
  }

  private static void bindKey(java.sql.PreparedStatement ps, int i, SourceIdentifier k)
      throws SQLException {
    ps.setString(i, k.ontologyType());
    ps.setString(i + 1, k.sourceSystem());
    ps.setString(i + 2, k.sourceId());
  }

  private static void bindRow(java.sql.PreparedStatement ps, int i, KeyRow r) throws SQLException {
    bindKey(ps, i, r.key());
    ps.setString(i + 3, r.id().value());
  }
}
