package org.idminter.store.systems;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.idminter.core.CanonicalId;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.SystemAliases;
import org.idminter.store.jdbc.Database;
import org.idminter.store.keyspace.KeySpace;
import org.idminter.store.merge.MergePlan;
import org.idminter.store.merge.Merges;
import org.idminter.store.mint.KeyReader;
import org.idminter.store.sql.Sql;
import org.idminter.store.systems.AliasPlan.Collision;

/**
 * Source systems and their aliases (schema version 6). An alias apply or undo is one transaction
 * under the key space's exclusive lock: the rows move and the alias is recorded (or forgotten)
 * together, so minters, lookups and imports switch to it exactly when the rows have moved, and a
 * crash at any statement leaves nothing changed.
 */
public final class SourceSystems {
  private final Database db;
  private final Runnable schemaCheck;
  private final KeySpace keySpace;
  private final Merges merges;
  private final KeyReader reader;
  private final AliasPlanner planner;

  public SourceSystems(Database db, Runnable schemaCheck, KeySpace keySpace, Merges merges) {
    this.db = db;
    this.schemaCheck = schemaCheck;
    this.keySpace = keySpace;
    this.merges = merges;
    this.reader = new KeyReader(db.dialect());
    this.planner = new AliasPlanner(reader);
  }

  public SystemsListing list() {
    schemaCheck.run();
    return db.read(
        "listing source systems",
        c ->
            new SystemsListing(
                Sql.query(
                    c,
                    "SELECT SourceSystem, COUNT(*) FROM identifiers GROUP BY SourceSystem"
                        + " ORDER BY SourceSystem",
                    ps -> {},
                    rs -> new SystemsListing.SystemCount(rs.getString(1), rs.getLong(2))),
                Sql.query(
                    c,
                    "SELECT Alias, CanonicalSystem, RunId, CreatedAt FROM source_system_aliases"
                        + " ORDER BY Alias",
                    ps -> {},
                    rs ->
                        new SystemsListing.Alias(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant()))));
  }

  /** What declaring {@code alias} a name of {@code canonical} would change; writes nothing. */
  public AliasPlan plan(String alias, String canonical) {
    schemaCheck.run();
    return db.read(
        "planning the alias " + alias + " of " + canonical,
        c -> planner.plan(c, alias, canonical, keySpace.read(c)));
  }

  /**
   * Moves every row keyed under {@code alias} to {@code canonical} and records the alias, in one
   * transaction. Refused, changing nothing, when the plan is, on collisions unless {@code merge},
   * and on an empty plan unless {@code allowEmpty}. Applied again, it moves rows written under the
   * alias since (by a writer that does not know it) and otherwise changes nothing.
   */
  public AliasResult apply(
      String alias, String canonical, boolean merge, boolean allowEmpty, String runId) {
    schemaCheck.run();
    return db.inTransaction(
        "declaring " + alias + " an alias of " + canonical,
        c -> {
          SystemAliases inForce = keySpace.exclusive(c);
          AliasPlan plan = planner.plan(c, alias, canonical, inForce);
          if (!plan.refusals().isEmpty()) {
            throw refused(alias, canonical, String.join("; ", plan.refusals()));
          }
          if (!plan.collisions().isEmpty() && !merge) {
            throw refused(alias, canonical, collisions(plan));
          }
          String run = plan.recorded() ? recordedRun(c, alias) : runId;
          if (plan.isEmpty()) {
            if (plan.recorded()) {
              return new AliasResult(run, false, plan, List.of());
            }
            if (!allowEmpty) {
              throw refused(
                  alias,
                  canonical,
                  "no mapping or inheritance record is keyed under "
                      + alias
                      + " (is the name spelled as stored? see `idminter systems list`); pass"
                      + " --allow-empty to record the alias anyway");
            }
          }
          List<MergePlan> merged = mergeCollisions(c, plan, run);
          AliasPlan moving = merged.isEmpty() ? plan : planner.plan(c, alias, canonical, inForce);
          AliasSql.apply(c, moving, run);
          if (!plan.recorded()) {
            Sql.update(
                c,
                "INSERT INTO source_system_aliases (Alias, CanonicalSystem, RunId) VALUES (?, ?, ?)",
                ps -> {
                  ps.setString(1, alias);
                  ps.setString(2, canonical);
                  ps.setString(3, run);
                });
            keySpace.aliasesChanged(c);
          }
          return new AliasResult(run, true, moving, merged);
        });
  }

  /**
   * Moves every row of the alias's run back, restores the rows it retired, undoes the merges it
   * made, and forgets the alias, in one transaction; refused, naming it, while a later change
   * depends on the run.
   */
  public String undo(String alias) {
    schemaCheck.run();
    return db.inTransaction(
        "undoing the alias " + alias,
        c -> {
          String canonical = keySpace.exclusive(c).canonicalOf().get(alias);
          if (canonical == null) {
            throw new IdMinterException(
                ErrorCode.NOT_FOUND,
                "no alias "
                    + alias
                    + " is recorded; see `idminter systems list`; nothing was changed");
          }
          String run = recordedRun(c, alias);
          String done = new AliasUndo(c, run, alias, canonical).run(merges);
          keySpace.aliasesChanged(c);
          return done;
        });
  }

  private List<MergePlan> mergeCollisions(Connection c, AliasPlan plan, String run)
      throws SQLException {
    List<MergePlan> done = new ArrayList<>();
    for (Collision k : plan.collisions()) {
      // Current IDs: an earlier merge of this run may have joined them already.
      KeyReader.Found now = reader.read(c, List.of(k.aliasKey(), k.canonicalKey()));
      CanonicalId from = now.ids().get(k.aliasKey());
      CanonicalId into = now.ids().get(k.canonicalKey());
      if (from.equals(into)) {
        continue;
      }
      done.add(
          merges.mergeWithin(
              c,
              from,
              into,
              Optional.of(
                  plan.alias()
                      + " is an alias of "
                      + plan.canonical()
                      + ": "
                      + k.aliasKey()
                      + " is "
                      + k.canonicalKey()),
              run + "-m" + (done.size() + 1)));
    }
    return done;
  }

  private static String recordedRun(Connection c, String alias) throws SQLException {
    return Sql.query(
            c,
            "SELECT RunId FROM source_system_aliases WHERE Alias = ?",
            ps -> ps.setString(1, alias),
            rs -> rs.getString(1))
        .get(0);
  }

  private static String collisions(AliasPlan plan) {
    String shown =
        plan.collisions().stream()
            .limit(10)
            .map(
                k ->
                    k.aliasKey()
                        + " → "
                        + k.aliasId()
                        + " but "
                        + k.canonicalKey()
                        + " → "
                        + k.canonicalId())
            .collect(Collectors.joining("; "));
    int more = plan.collisions().size() - 10;
    return plan.collisions().size()
        + " collision(s), keys that would be one key with two IDs: "
        + shown
        + (more > 0 ? "; and " + more + " more (see `systems alias plan --report`)" : "")
        + "; pass --merge to merge each alias row's ID into the canonical row's";
  }

  private static IdMinterException refused(String alias, String canonical, String why) {
    return new IdMinterException(
        ErrorCode.REFUSED,
        "cannot make "
            + alias
            + " an alias of "
            + canonical
            + ": "
            + why
            + "; nothing was changed");
  }
}
