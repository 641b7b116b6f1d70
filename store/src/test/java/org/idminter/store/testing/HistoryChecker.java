package org.idminter.store.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;

/**
 * Checks a {@link History} against what the database holds after the run:
 *
 * <ul>
 *   <li>every mapping an ok call returned is in the database, unchanged;
 *   <li>no key was returned with two IDs;
 *   <li>no ID was returned for two keys unless the database records the inheritance that links them
 *       (a key holding another's ID has an inheritance record with that ID);
 *   <li>a call that failed for certain left none of the keys only it asked for;
 *   <li>an unknown call's keys map to at most one ID, and are counted as taken effect or not.
 * </ul>
 */
public final class HistoryChecker {
  private HistoryChecker() {}

  /** The counts a run prints, and every violation found (empty when the history holds). */
  public record Report(
      long ok,
      long failed,
      long unknown,
      long unknownTookEffect,
      long keysChecked,
      List<String> violations) {
    @Override
    public String toString() {
      return ok
          + " ok, "
          + failed
          + " failed, "
          + unknown
          + " unknown ("
          + unknownTookEffect
          + " took effect), "
          + keysChecked
          + " keys checked, "
          + violations.size()
          + " violation(s)"
          + (violations.isEmpty()
              ? ""
              : ":\n  "
                  + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
    }
  }

  public static Report check(History history, TestDatabase database) {
    Map<SourceIdentifier, CanonicalId> stored = new HashMap<>();
    Set<SourceIdentifier> inheriting = new HashSet<>();
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT OntologyType, SourceSystem, SourceId, CanonicalId FROM identifiers")) {
        while (rs.next()) {
          CanonicalId earlier = stored.put(key(rs), new CanonicalId(rs.getString(4)));
          if (earlier != null) {
            throw new AssertionError("the table holds a key twice: " + key(rs));
          }
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT h.OntologyType, h.SourceSystem, h.SourceId FROM identifier_inheritance h"
                  + " JOIN identifiers i ON i.OntologyType = h.OntologyType"
                  + " AND i.SourceSystem = h.SourceSystem AND i.SourceId = h.SourceId"
                  + " AND i.CanonicalId = h.CanonicalId")) {
        while (rs.next()) {
          inheriting.add(key(rs));
        }
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read " + database + " to check the history", e);
    }

    List<String> violations = new ArrayList<>();
    Map<SourceIdentifier, CanonicalId> answered = new HashMap<>();
    Map<CanonicalId, Set<SourceIdentifier>> keysOf = new HashMap<>();
    Set<SourceIdentifier> maybeWritten = new HashSet<>();
    long ok = 0;
    long failed = 0;
    long unknown = 0;
    long tookEffect = 0;
    for (History.Op op : history.ops()) {
      switch (op.outcome()) {
        case OK -> {
          ok++;
          op.ids()
              .forEach(
                  (k, id) -> {
                    maybeWritten.add(k);
                    CanonicalId before = answered.putIfAbsent(k, id);
                    if (before != null && !before.equals(id)) {
                      violations.add(k + " was answered with two IDs: " + before + " and " + id);
                    }
                    if (!id.equals(stored.get(k))) {
                      violations.add(
                          k + " was answered " + id + " but the database holds " + stored.get(k));
                    }
                    keysOf.computeIfAbsent(id, x -> new HashSet<>()).add(k);
                  });
        }
        case UNKNOWN -> {
          unknown++;
          keys(op.requests()).forEach(maybeWritten::add);
          if (keys(op.requests()).stream().allMatch(stored::containsKey)) {
            tookEffect++;
          }
        }
        case FAIL -> failed++;
      }
    }
    for (History.Op op : history.ops()) {
      if (op.outcome() == History.Outcome.FAIL) {
        for (SourceIdentifier k : keys(op.requests())) {
          if (!maybeWritten.contains(k) && stored.containsKey(k)) {
            violations.add(k + " is stored although the only call asking for it failed");
          }
        }
      }
    }
    keysOf.forEach(
        (id, keys) -> {
          long roots = keys.stream().filter(k -> !inheriting.contains(k)).count();
          if (roots > 1) {
            violations.add(id + " was answered for " + keys + " without a recorded inheritance");
          }
        });
    return new Report(ok, failed, unknown, tookEffect, answered.size(), violations);
  }

  private static List<SourceIdentifier> keys(List<MintRequest> requests) {
    return requests.stream().map(MintRequest::key).toList();
  }

  private static SourceIdentifier key(ResultSet rs) throws SQLException {
    return new SourceIdentifier(rs.getString(1), rs.getString(2), rs.getString(3));
  }
}
