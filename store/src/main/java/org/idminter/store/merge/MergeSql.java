package org.idminter.store.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.merge.History.HistoryRow;
import org.idminter.store.sql.Sql;

/**
 * The statements of a merge and its undo, inside the caller's transaction. Each change is written
 * to the history before it is made. {@code CreatedAt = CreatedAt} keeps a mapping's creation time
 * on databases whose TIMESTAMP column updates itself.
 */
final class MergeSql {
  private MergeSql() {}

  static void apply(Connection c, MergePlan plan, Optional<String> reason, String runId)
      throws SQLException {
    CanonicalId from = plan.from();
    CanonicalId into = plan.into();
    List<HistoryRow> history = new ArrayList<>();
    for (CanonicalId r : plan.redirectsRepointed()) {
      history.add(new HistoryRow(null, r, from, into, Merges.REPOINT));
    }
    history.add(new HistoryRow(null, from, null, into, Merges.REDIRECT));
    moveKeys(c, plan, reason, runId);
    History.write(c, history, runId, reason);
    Sql.update(
        c,
        "UPDATE identifier_redirects SET TargetId = ? WHERE TargetId = ?",
        ps -> {
          ps.setString(1, into.value());
          ps.setString(2, from.value());
        });
    Sql.update(
        c,
        "INSERT INTO identifier_redirects (CanonicalId, TargetId, RunId, Reason) VALUES (?, ?, ?, ?)",
        ps -> {
          ps.setString(1, from.value());
          ps.setString(2, into.value());
          ps.setString(3, runId);
          ps.setString(4, reason.orElse(null));
        });
  }

  /** The plan's keys and their inheritance records from FROM to INTO, each in the history first. */
  static void moveKeys(Connection c, MergePlan plan, Optional<String> reason, String runId)
      throws SQLException {
    CanonicalId from = plan.from();
    CanonicalId into = plan.into();
    List<HistoryRow> history = new ArrayList<>();
    for (SourceIdentifier k : plan.keys()) {
      history.add(new HistoryRow(k, from, from, into, Merges.MERGE));
    }
    History.write(c, history, runId, reason);
    // By key, not by ID: exactly the keys the history names move (a key another writer maps to
    // FROM meanwhile stays, is flagged by the invariants, and moves when the merge is applied
    // again).
    remap(c, plan.keys(), from, into);
  }

  /** Moves each key's mapping and inheritance record from {@code from} to {@code to}. */
  private static void remap(
      Connection c, List<SourceIdentifier> keys, CanonicalId from, CanonicalId to)
      throws SQLException {
    for (String table : List.of("identifiers", "identifier_inheritance")) {
      Sql.batch(
          c,
          "UPDATE "
              + table
              + " SET CanonicalId = ?"
              + (table.equals("identifiers") ? ", CreatedAt = CreatedAt" : "")
              + " WHERE OntologyType = ? AND SourceSystem = ? AND SourceId = ? AND CanonicalId = ?",
          keys,
          (ps, k) -> {
            ps.setString(1, to.value());
            ps.setString(2, k.ontologyType());
            ps.setString(3, k.sourceSystem());
            ps.setString(4, k.sourceId());
            ps.setString(5, from.value());
          });
    }
  }

  /**
   * Undoes merge {@code runId}; returns what was done. Later history rows of the run {@code ownRun}
   * (an alias run whose collisions this merge resolved, being undone) are not a dependency.
   */
  static String undo(Connection c, String runId, String ownRun) throws SQLException {
    List<HistoryEntry> rows =
        History.read(c, " WHERE RunId = ?", List.of(runId)).stream()
            .filter(h -> h.operation().startsWith("merge"))
            .toList();
    if (rows.isEmpty()) {
      throw new IdMinterException(
          ErrorCode.NOT_FOUND,
          "no merge with run id " + runId + " is in the history; see `idminter history ID`");
    }
    if (rows.stream().anyMatch(h -> h.operation().equals("merge-undo"))) {
      return "the merge " + runId + " is undone already; nothing was changed";
    }
    HistoryEntry redirect =
        rows.stream()
            .filter(h -> h.operation().equals(Merges.REDIRECT))
            .findFirst()
            .orElseThrow(
                () ->
                    new IdMinterException(
                        ErrorCode.REFUSED,
                        "the run "
                            + runId
                            + " moved keys onto an ID merged earlier (a repeated merge apply); undo"
                            + " that merge instead; nothing was changed"));
    CanonicalId from = redirect.canonicalId();
    CanonicalId into = redirect.newId().orElseThrow();
    long last = rows.stream().mapToLong(HistoryEntry::id).max().orElseThrow();
    List<HistoryEntry> later =
        History.read(
                c,
                " WHERE Id > ? AND (CanonicalId IN (?, ?) OR OldId IN (?, ?) OR NewId IN (?, ?))",
                List.of(
                    last,
                    from.value(),
                    into.value(),
                    from.value(),
                    into.value(),
                    from.value(),
                    into.value()))
            .stream()
            .filter(h -> !h.runId().equals(ownRun) && !h.runId().startsWith(ownRun + "-m"))
            .toList();
    if (!later.isEmpty()) {
      HistoryEntry l = later.get(0);
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "a later change depends on the merge "
              + runId
              + ": "
              + l.operation()
              + " "
              + l.runId()
              + " of "
              + l.key().map(Object::toString).orElse(l.canonicalId().value())
              + "; undo that first; nothing was changed");
    }
    List<SourceIdentifier> merged =
        rows.stream()
            .filter(h -> h.operation().equals(Merges.MERGE))
            .map(h -> h.key().get())
            .toList();
    for (SourceIdentifier k : merged) {
      List<SourceIdentifier> inheritors =
          Sql.query(
              c,
              "SELECT OntologyType, SourceSystem, SourceId FROM identifier_inheritance WHERE"
                  + " PredecessorOntologyType = ? AND PredecessorSourceSystem = ? AND"
                  + " PredecessorSourceId = ?",
              ps -> {
                ps.setString(1, k.ontologyType());
                ps.setString(2, k.sourceSystem());
                ps.setString(3, k.sourceId());
              },
              rs -> new SourceIdentifier(rs.getString(1), rs.getString(2), rs.getString(3)));
      for (SourceIdentifier heir : inheritors) {
        if (!merged.contains(heir)) {
          throw new IdMinterException(
              ErrorCode.REFUSED,
              heir
                  + " was minted since, inheriting from "
                  + k
                  + " (now "
                  + into
                  + "): undoing the merge would part them; nothing was changed");
        }
      }
    }
    List<HistoryRow> history = new ArrayList<>();
    for (SourceIdentifier k : merged) {
      history.add(new HistoryRow(k, into, into, from, "merge-undo"));
    }
    remap(c, merged, into, from);
    for (HistoryEntry h : rows) {
      if (h.operation().equals(Merges.REPOINT)) {
        history.add(new HistoryRow(null, h.canonicalId(), into, from, "merge-undo"));
        Sql.update(
            c,
            "UPDATE identifier_redirects SET TargetId = ? WHERE CanonicalId = ? AND TargetId = ?",
            ps -> {
              ps.setString(1, from.value());
              ps.setString(2, h.canonicalId().value());
              ps.setString(3, into.value());
            });
      }
    }
    history.add(new HistoryRow(null, from, into, null, "merge-undo"));
    Sql.update(
        c,
        "DELETE FROM identifier_redirects WHERE CanonicalId = ? AND TargetId = ?",
        ps -> {
          ps.setString(1, from.value());
          ps.setString(2, into.value());
        });
    History.write(c, history, runId, Optional.of("undo of " + runId));
    return "undone: "
        + merged.size()
        + " key(s) mapped to "
        + from
        + " again; "
        + from
        + " is active again, no longer a redirect to "
        + into;
  }
}
