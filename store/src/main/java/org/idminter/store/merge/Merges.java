package org.idminter.store.merge;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idminter.core.CanonicalId;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.jdbc.Database;
import org.idminter.store.keyspace.KeySpace;
import org.idminter.store.sql.Sql;

/**
 * Merges of canonical IDs, each one transaction under the key space's exclusive lock (so no mint
 * runs across it): every key mapped to FROM is remapped to INTO, the inheritance records follow,
 * FROM becomes a redirect to INTO (it stays assigned, so it is never handed out again), redirects
 * to FROM are repointed to INTO (none ever points at a redirect), and every change is written to
 * the append-only history first. Also what an ID is now ({@link #resolve}) and a key's or ID's
 * history.
 */
public final class Merges {
  static final String MERGE = "merge";
  static final String REDIRECT = "merge-redirect";
  static final String REPOINT = "merge-repoint";

  private final Database db;
  private final Database reads;
  private final Runnable schemaCheck;
  private final KeySpace keySpace;

  /**
   * @param reads where {@link #resolve} reads first (a read replica, or {@code db}); an ID it holds
   *     as free or does not know is resolved again in {@code db}, so a replica's lag never hides a
   *     minted ID
   */
  public Merges(Database db, Database reads, Runnable schemaCheck, KeySpace keySpace) {
    this.db = db;
    this.reads = reads;
    this.schemaCheck = schemaCheck;
    this.keySpace = keySpace;
  }

  /** What merging {@code from} into {@code into} would change; writes nothing. */
  public MergePlan plan(CanonicalId from, CanonicalId into) {
    schemaCheck.run();
    return db.read(
        "planning the merge of " + from + " into " + into, c -> plan(c, from, into, false));
  }

  /**
   * Merges {@code from} into {@code into} in one transaction under a lock on both IDs; refused,
   * changing nothing, when the plan is. Merging again what is merged already changes nothing.
   */
  public MergeResult apply(
      CanonicalId from, CanonicalId into, Optional<String> reason, String runId) {
    schemaCheck.run();
    return db.inTransaction(
        "merging " + from + " into " + into,
        c -> {
          keySpace.exclusive(c); // no mint runs across the merge (see KeySpace)
          Optional<CanonicalId> already = redirectOf(c, from);
          if (already.isPresent() && already.get().equals(into)) {
            // Merged already. Keys mapped to FROM since by a writer that does not take the key
            // space's lock (the Python id_minter on a shared database) are moved now.
            MergePlan again = plan(c, from, into, true);
            if (again.keys().isEmpty()) {
              return new MergeResult(runId, false, again);
            }
            MergeSql.moveKeys(c, again, reason, runId);
            return new MergeResult(runId, true, again);
          }
          MergePlan plan = plan(c, from, into, true);
          if (plan.refused()) {
            throw refused(plan);
          }
          MergeSql.apply(c, plan, reason, runId);
          return new MergeResult(runId, true, plan);
        });
  }

  /**
   * Undoes the merge run {@code runId} from the history, exactly, while no later change touches
   * what it changed; refused otherwise, naming the later change.
   */
  public String undo(String runId) {
    schemaCheck.run();
    return db.inTransaction(
        "undoing the merge " + runId,
        c -> {
          keySpace.exclusive(c);
          return MergeSql.undo(c, runId, runId);
        });
  }

  /**
   * Merges {@code from} into {@code into} inside the caller's transaction, which holds the key
   * space exclusively (an alias run resolving a collision); refused as {@link #apply} refuses.
   */
  public MergePlan mergeWithin(
      Connection c, CanonicalId from, CanonicalId into, Optional<String> reason, String runId)
      throws SQLException {
    MergePlan plan = plan(c, from, into, true);
    if (plan.refused()) {
      throw refused(plan);
    }
    MergeSql.apply(c, plan, reason, runId);
    return plan;
  }

  /**
   * Undoes merge {@code runId} inside the caller's transaction, part of undoing run {@code ownRun}.
   */
  public String undoWithin(Connection c, String runId, String ownRun) throws SQLException {
    return MergeSql.undo(c, runId, ownRun);
  }

  private static IdMinterException refused(MergePlan plan) {
    return new IdMinterException(
        ErrorCode.REFUSED,
        "cannot merge "
            + plan.from()
            + " into "
            + plan.into()
            + ": "
            + String.join("; ", plan.refusals())
            + "; nothing was changed");
  }

  /** Each ID's state, in the order asked. */
  public List<IdState> resolve(List<CanonicalId> ids) {
    schemaCheck.run();
    List<IdState> first = resolveIn(reads, ids);
    if (reads == db) {
      return first;
    }
    List<CanonicalId> unsure =
        first.stream()
            .filter(s -> s.state().equals("free") || s.state().equals("unknown"))
            .map(IdState::id)
            .toList();
    if (unsure.isEmpty()) {
      return first;
    }
    java.util.Map<CanonicalId, IdState> again = new java.util.HashMap<>();
    resolveIn(db, unsure).forEach(s -> again.put(s.id(), s));
    return first.stream().map(s -> again.getOrDefault(s.id(), s)).toList();
  }

  private static List<IdState> resolveIn(Database from, List<CanonicalId> ids) {
    return from.read(
        "resolving canonical IDs",
        c -> {
          List<IdState> out = new ArrayList<>();
          for (CanonicalId id : ids) {
            out.add(state(c, id));
          }
          return out;
        });
  }

  /** Every history row about a key, oldest first. */
  public List<HistoryEntry> history(SourceIdentifier key) {
    schemaCheck.run();
    return db.read(
        "reading the history of " + key,
        c ->
            History.read(
                c,
                " WHERE OntologyType = ? AND SourceSystem = ? AND SourceId = ?",
                List.of(key.ontologyType(), key.sourceSystem(), key.sourceId())));
  }

  /** Every history row about an ID (as the ID concerned, or as an old or new ID), oldest first. */
  public List<HistoryEntry> history(CanonicalId id) {
    schemaCheck.run();
    String v = id.value();
    return db.read(
        "reading the history of " + id,
        c -> History.read(c, " WHERE CanonicalId = ? OR OldId = ? OR NewId = ?", List.of(v, v, v)));
  }

  private static IdState state(Connection c, CanonicalId id) throws SQLException {
    Optional<CanonicalId> target = redirectOf(c, id);
    if (target.isPresent()) {
      return new IdState(id, "redirect", List.of(), target);
    }
    List<String> status =
        Sql.query(
            c,
            "SELECT Status FROM canonical_ids WHERE CanonicalId = ?",
            ps -> ps.setString(1, id.value()),
            rs -> rs.getString(1));
    List<SourceIdentifier> keys = keysOf(c, id);
    if (!keys.isEmpty() || status.contains("assigned")) {
      return new IdState(id, "active", keys, Optional.empty());
    }
    return new IdState(id, status.isEmpty() ? "unknown" : "free", List.of(), Optional.empty());
  }

  static Optional<CanonicalId> redirectOf(Connection c, CanonicalId id) throws SQLException {
    return Sql.query(
            c,
            "SELECT TargetId FROM identifier_redirects WHERE CanonicalId = ?",
            ps -> ps.setString(1, id.value()),
            rs -> new CanonicalId(rs.getString(1)))
        .stream()
        .findFirst();
  }

  static List<SourceIdentifier> keysOf(Connection c, CanonicalId id) throws SQLException {
    return Sql.query(
        c,
        "SELECT OntologyType, SourceSystem, SourceId FROM identifiers WHERE CanonicalId = ?"
            + " ORDER BY OntologyType, SourceSystem, SourceId",
        ps -> ps.setString(1, id.value()),
        rs -> new SourceIdentifier(rs.getString(1), rs.getString(2), rs.getString(3)));
  }

  /** The plan, reading (and with {@code lock}, locking) both IDs' rows in canonical_ids. */
  private MergePlan plan(Connection c, CanonicalId from, CanonicalId into, boolean lock)
      throws SQLException {
    List<String> refusals = new ArrayList<>();
    if (from.equals(into)) {
      refusals.add("an ID cannot be merged into itself");
    }
    Map<String, String> status = new TreeMap<>();
    Sql.query(
            c,
            "SELECT CanonicalId, Status FROM canonical_ids WHERE CanonicalId IN (?, ?)"
                + " ORDER BY CanonicalId"
                + (lock ? db.dialect().lockingRead() : ""),
            ps -> {
              ps.setString(1, from.value());
              ps.setString(2, into.value());
            },
            rs -> new String[] {rs.getString(1), rs.getString(2)})
        .forEach(r -> status.put(r[0], r[1]));
    for (CanonicalId id : List.of(from, into)) {
      String s = status.get(id.value());
      if (s == null) {
        refusals.add(id + " is unknown (never generated here)");
      } else if (!s.equals("assigned")) {
        refusals.add(id + " is free (never issued to a key)");
      }
    }
    Optional<CanonicalId> intoTarget = redirectOf(c, into);
    intoTarget.ifPresent(
        t -> refusals.add(into + " is itself a redirect to " + t + ": merge into " + t));
    Optional<CanonicalId> fromTarget = redirectOf(c, from);
    fromTarget
        .filter(t -> !t.equals(into))
        .ifPresent(t -> refusals.add(from + " is already merged into " + t));
    long inheritance =
        Sql.queryLong(
            c,
            "SELECT COUNT(*) FROM identifier_inheritance WHERE CanonicalId = ?",
            ps -> ps.setString(1, from.value()));
    List<CanonicalId> repointed =
        Sql.query(
            c,
            "SELECT CanonicalId FROM identifier_redirects WHERE TargetId = ? ORDER BY CanonicalId",
            ps -> ps.setString(1, from.value()),
            rs -> new CanonicalId(rs.getString(1)));
    return new MergePlan(from, into, keysOf(c, from), inheritance, repointed, refusals);
  }

  /** A time read from the history. */
  static Instant instant(Timestamp t) {
    return t == null ? Instant.EPOCH : t.toInstant();
  }
}
