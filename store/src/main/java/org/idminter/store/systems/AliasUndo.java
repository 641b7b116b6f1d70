package org.idminter.store.systems;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.idminter.core.CanonicalId;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.merge.History;
import org.idminter.store.merge.History.HistoryRow;
import org.idminter.store.merge.HistoryEntry;
import org.idminter.store.merge.Merges;
import org.idminter.store.sql.Sql;
import org.idminter.store.systems.AliasPlan.KeyRow;

/**
 * Undoing one alias run inside the caller's transaction (under the key space's exclusive lock):
 * checks that nothing later depends on it, then restores the rows, undoes its merges newest first,
 * and forgets the alias.
 */
final class AliasUndo {
  private final Connection c;
  private final String run;
  private final String alias;
  private final String canonical;

  AliasUndo(Connection c, String run, String alias, String canonical) {
    this.c = c;
    this.run = run;
    this.alias = alias;
    this.canonical = canonical;
  }

  String run(Merges merges) throws SQLException {
    List<HistoryEntry> own = History.read(c, " WHERE RunId = ?", List.of(run));
    List<HistoryEntry> mergeRows = History.read(c, " WHERE RunId LIKE ?", List.of(run + "-m%"));
    List<KeyRow> rekeyed = new ArrayList<>();
    for (HistoryEntry h : own) {
      if (h.operation().equals(AliasSql.REKEY)) {
        rekeyed.add(new KeyRow(h.key().orElseThrow(), h.canonicalId()));
      }
    }
    List<KeyRow> retired = AliasSql.savedMappings(c, run);
    List<AliasPlanner.Inheritance> moved = AliasSql.savedMoved(c, run);
    refuseLaterChanges(own, mergeRows, rekeyed, retired);
    refuseNewInheritors(rekeyed, moved);
    refuseTakenKeys(retired);

    AliasSql.restore(c, run, alias, canonical, rekeyed, moved);
    List<HistoryRow> history = new ArrayList<>();
    for (KeyRow r : rekeyed) {
      history.add(new HistoryRow(r.key(), r.id(), r.id(), r.id(), AliasSql.UNDO));
    }
    for (KeyRow r : retired) {
      history.add(new HistoryRow(r.key(), r.id(), null, r.id(), AliasSql.UNDO));
    }
    History.write(c, history, run, Optional.of("undo of " + run));
    Set<String> mergeRuns = new LinkedHashSet<>();
    mergeRows.forEach(h -> mergeRuns.add(h.runId()));
    List<String> newestFirst = new ArrayList<>(mergeRuns);
    java.util.Collections.reverse(newestFirst);
    for (String m : newestFirst) {
      merges.undoWithin(c, m, run);
    }
    Sql.update(
        c, "DELETE FROM source_system_aliases WHERE Alias = ?", ps -> ps.setString(1, alias));
    return "undone: "
        + rekeyed.size()
        + " mapping(s) keyed under "
        + alias
        + " again, "
        + retired.size()
        + " retired mapping(s) restored, "
        + newestFirst.size()
        + " merge(s) undone; "
        + alias
        + " is no longer an alias of "
        + canonical;
  }

  /** A history row after the run, by another run, about a key or ID the run changed. */
  private void refuseLaterChanges(
      List<HistoryEntry> own,
      List<HistoryEntry> mergeRows,
      List<KeyRow> rekeyed,
      List<KeyRow> retired)
      throws SQLException {
    long last = 0;
    for (HistoryEntry h : own) {
      last = Math.max(last, h.id());
    }
    for (HistoryEntry h : mergeRows) {
      last = Math.max(last, h.id());
    }
    Set<SourceIdentifier> keys = new HashSet<>();
    Set<CanonicalId> ids = new HashSet<>();
    for (KeyRow r : concat(rekeyed, retired)) {
      keys.add(r.key());
      keys.add(AliasPlanner.renamed(r.key(), canonical));
      ids.add(r.id());
    }
    for (HistoryEntry h : History.read(c, " WHERE Id > ?", List.of(last))) {
      if (h.runId().equals(run) || h.runId().startsWith(run + "-m")) {
        continue;
      }
      boolean touches =
          h.key().map(keys::contains).orElse(false)
              || ids.contains(h.canonicalId())
              || h.oldId().map(ids::contains).orElse(false)
              || h.newId().map(ids::contains).orElse(false);
      if (touches) {
        throw refused(
            "a later change depends on it: "
                + h.operation()
                + " "
                + h.runId()
                + " of "
                + h.key().map(Object::toString).orElse(h.canonicalId().value())
                + "; undo that first");
      }
    }
  }

  /** An inheritance record made since that names a rekeyed key (it would lose its key). */
  private void refuseNewInheritors(List<KeyRow> rekeyed, List<AliasPlanner.Inheritance> moved)
      throws SQLException {
    Set<SourceIdentifier> renamedKeys = new HashSet<>();
    rekeyed.forEach(r -> renamedKeys.add(AliasPlanner.renamed(r.key(), canonical)));
    Set<AliasPlanner.Inheritance> expected = new HashSet<>();
    for (AliasPlanner.Inheritance i : moved) {
      expected.add(
          new AliasPlanner.Inheritance(
              AliasPlanner.renamedIf(i.key(), alias, canonical),
              AliasPlanner.renamedIf(i.predecessor(), alias, canonical),
              i.id()));
    }
    for (AliasPlanner.Inheritance i : AliasPlanner.inheritance(c, canonical)) {
      boolean names = renamedKeys.contains(i.key()) || renamedKeys.contains(i.predecessor());
      if (names && !expected.contains(i)) {
        throw refused(
            i.key()
                + " was minted since, inheriting from "
                + i.predecessor()
                + ": moving the key back would part them");
      }
    }
  }

  /** A retired key mapped again under the alias (by a writer that does not know the alias). */
  private void refuseTakenKeys(List<KeyRow> retired) throws SQLException {
    Set<SourceIdentifier> now = new HashSet<>();
    AliasPlanner.keyRows(c, alias).forEach(r -> now.add(r.key()));
    for (KeyRow r : retired) {
      if (now.contains(r.key())) {
        throw refused(r.key() + " is mapped again since it was retired; undo cannot restore it");
      }
    }
  }

  private static List<KeyRow> concat(List<KeyRow> a, List<KeyRow> b) {
    List<KeyRow> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private IdMinterException refused(String why) {
    return new IdMinterException(
        ErrorCode.REFUSED,
        "cannot undo the alias " + alias + " (run " + run + "): " + why + "; nothing was changed");
  }
}
