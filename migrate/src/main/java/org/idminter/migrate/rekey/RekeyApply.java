package org.idminter.migrate.rekey;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.core.Sleeper;
import org.idminter.migrate.engine.Lease;
import org.idminter.migrate.engine.Phase;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.migrate.engine.PhasedApply;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.engine.Throttle;
import org.idminter.migrate.engine.Timings;
import org.idminter.migrate.rekey.RekeyResults.Applied;
import org.idminter.migrate.rekey.RekeyResults.Options;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;

/**
 * apply as the engine's five phases under the lease, each resumable after a stop at any statement:
 * STAGING (the parent's entities with their times and numbers, a page per transaction), SKIPPING
 * (with --skip-refused, refused rows moved aside; otherwise any refused row stops the run),
 * REGISTERING (flake64 internal IDs in creation order into entity_id_mapping), FILLING (the new
 * column added and filled, a range per transaction), and SWITCHING (rows written meanwhile carried
 * over, every row checked, then the keys switched). A fresh run checks everything that can refuse
 * before it writes anything, even its lock.
 */
final class RekeyApply {
  private final RekeyMigration m;
  private final Database db;
  private final Clock clock;

  /** Whether this run's plan refused rows (true unless a fresh plan found none). */
  private boolean planRefused = true;

  RekeyApply(RekeyMigration migration, Clock clock) {
    this.m = migration;
    this.db = migration.db();
    this.clock = clock;
  }

  Applied apply(Options options, ProgressListener progress) {
    Timings timings = Timings.started();
    Throttle throttle =
        Throttle.of(options.maxLoad(), db, Sleeper.REAL, java.time.Duration.ofSeconds(1));
    Optional<Lease.Row> state = m.state();
    String phase = state.map(Lease.Row::phase).orElse(Lease.NEW);
    if (phase.equals(RekeyMigration.ROLLING_BACK) || phase.equals(RekeyMigration.FINISHING)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "a `rekey "
              + (phase.equals(RekeyMigration.FINISHING) ? "finish" : "rollback")
              + "` was interrupted on this database; run it again to complete it; nothing was changed");
    }
    RekeyFacts fresh;
    if (phase.equals(Lease.NEW)) {
      fresh = timings.step("plan", () -> check(options, state.isPresent()));
    } else {
      m.requireSameSpec();
      fresh = null;
    }
    RekeyEntities entities = new RekeyEntities(db, m.ddl(), m.spec(), m.chunk());
    PhasedApply.Result result =
        new PhasedApply(db, m.lease())
            .run(
                List.of(
                    new Phase(
                        "STAGING", run -> run.step("stage", () -> stage(run, entities, fresh))),
                    new Phase(
                        "SKIPPING",
                        run -> {
                          // A fresh plan that refused nothing leaves nothing to skip (rows written
                          // since are checked at the switch).
                          if (fresh == null || planRefused) {
                            run.step("skip", () -> skip(options));
                          }
                        }),
                    new Phase(
                        "REGISTERING",
                        run -> run.step("register", () -> m.registration().registerAll(run))),
                    new Phase("FILLING", run -> run.step("fill", () -> fill(run))),
                    new Phase(
                        "SWITCHING",
                        run -> run.step("switch", () -> switchKeys(entities, options)))),
                timings,
                progress,
                throttle);
    RekeyResults.Counts counts = m.counts();
    Map<String, Long> byOutcome = m.entitiesByOutcome();
    if (result.alreadyDone()) {
      return new Applied(
          "already applied",
          byOutcome,
          counts,
          m.skippedRows(),
          timings.steps(),
          "already applied: every table is keyed by "
              + m.spec().newColumn()
              + "; nothing was changed. Next: `rekey verify`, move the application over, then"
              + " `rekey finish --confirm` (or `rekey rollback`)");
    }
    return new Applied(
        "applied",
        byOutcome,
        counts,
        m.skippedRows(),
        timings.withTotal(),
        "applied: "
            + byOutcome.getOrDefault("registered", 0L)
            + " entities registered, "
            + byOutcome.getOrDefault("kept", 0L)
            + " kept; every table is keyed by "
            + m.spec().newColumn()
            + " with the old columns kept; "
            + counts.skipped().values().stream().mapToLong(Long::longValue).sum()
            + " row(s) skipped");
  }

  /**
   * Everything a fresh run can refuse on, before it writes; returns the facts it will record. A run
   * stopped before its first checkpoint (state NEW) may have left its own tables, empty.
   */
  private RekeyFacts check(Options options, boolean started) {
    RekeySpec spec = m.spec();
    RekeyPlan plan = m.plan();
    if (options.expectChecksum().isPresent()
        && !options.expectChecksum().get().equals(plan.source().checksum())) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "the source changed since its fingerprint was taken: expected checksum "
              + options.expectChecksum().get()
              + ", found "
              + plan.source()
              + "; run `idminter rekey plan` again; nothing was changed");
    }
    if (plan.refusedCount() > 0 && !options.skipRefused()) {
      RekeyPlan.Refused first = plan.refused().get(0);
      throw new IdMinterException(
          ErrorCode.REFUSED,
          plan.refusedCount()
              + " row(s) would be refused (first: "
              + first.table()
              + " "
              + first.externalId()
              + ": "
              + first.reason()
              + "); see `idminter rekey plan`, fix them, or pass --skip-refused to move them aside"
              + " (each listed in the report); nothing was changed");
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    db.read(
        "checking the tables' shape",
        c -> {
          if (TableShape.stored(c, "entity_id_mapping").isEmpty()) {
            throw new IdMinterException(
                ErrorCode.REFUSED,
                "this database has no entity_id_mapping (idminter's ID registry): run `idminter"
                    + " schema migrate` on it first; nothing was changed");
          }
          for (String own : List.of(RekeyDdl.ENTITIES, RekeyDdl.FACTS)) {
            if (!started && TableShape.stored(c, own).isPresent()) {
              throw unexpected(own + " is left from another rekey run that has no state");
            }
          }
          for (Column t : spec.tables()) {
            TableShape shape = TableShape.require(c, t.table());
            if (shape.hasColumn(spec.newColumn())) {
              throw unexpected(t.table() + " already has a column " + spec.newColumn());
            }
            if (!shape.referencedBy().isEmpty()) {
              throw unexpected(
                  t.table()
                      + " is referenced by the foreign key(s) "
                      + shape.referencedBy()
                      + "; drop them first (apply adds foreign keys to entity_id_mapping instead)");
            }
            keys.put(t.table().toLowerCase(Locale.ROOT), shape.primaryKey());
          }
          return null;
        });
    planRefused = plan.refusedCount() > 0;
    return new RekeyFacts(
        clock.millis(), RekeyFacts.digest(spec), lower(plan.rowsPerTable()), keys);
  }

  private static Map<String, Long> lower(Map<String, Long> rows) {
    Map<String, Long> out = new LinkedHashMap<>();
    rows.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return out;
  }

  private static IdMinterException unexpected(String what) {
    return new IdMinterException(
        ErrorCode.REFUSED, "unexpected shape: " + what + "; nothing was changed");
  }

  /** STAGING: the staging and facts tables, the facts once, then the parent a page at a time. */
  private void stage(PhaseRun run, RekeyEntities entities, RekeyFacts fresh) {
    db.read(
        "creating " + RekeyDdl.FACTS,
        c -> {
          RekeyFacts.TABLE.create(c);
          return null;
        });
    entities.create();
    if (!run.resumed()) {
      db.inTransaction(
          "recording the run's facts",
          c -> {
            fresh.writeOnce(c);
            run.checkpoint(c, "");
            return null;
          });
    }
    long started = m.facts().startedMs();
    String after = run.resumeCursor().filter(s -> !s.isEmpty()).orElse(null);
    long staged = 0;
    while (true) {
      run.awaitCapacity();
      String from = after;
      List<String> ids =
          db.inTransaction(
              "staging a page of entities",
              c -> {
                List<String> page = entities.parentPage(c, from);
                entities.stage(c, page, started);
                if (!page.isEmpty()) {
                  run.checkpoint(c, page.get(page.size() - 1));
                }
                return page;
              });
      staged += ids.size();
      run.progress().progress(staged, -1);
      if (ids.size() < m.chunk()) {
        return;
      }
      after = ids.get(ids.size() - 1);
    }
  }

  /** SKIPPING: refused rows stop the run, or are moved aside with --skip-refused. */
  private void skip(Options options) {
    Map<String, Long> refused = m.skipped().count();
    if (refused.isEmpty()) {
      return;
    }
    if (!options.skipRefused()) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "rows that cannot be carried over were found (per table: "
              + refused
              + "): a NULL or refused external ID, or a child whose entity is missing; see `idminter"
              + " rekey plan`; fix them and run apply again, or run it with --skip-refused to move them"
              + " aside");
    }
    m.skipped().moveAll(refused);
  }

  /** FILLING: the new column on every table, then filled from the cursor on. */
  private void fill(PhaseRun run) {
    m.fill().addColumns();
    m.fill().fillAll(run);
  }

  /**
   * SWITCHING: entities and rows written while apply ran are staged, registered and filled; any row
   * still without an internal ID stops the switch (or is moved aside with --skip-refused); then the
   * keys are switched.
   */
  private void switchKeys(RekeyEntities entities, Options options) {
    RekeyFacts facts = m.facts();
    long started = facts.startedMs();
    while (true) {
      int n =
          db.inTransaction(
              "staging entities written during apply",
              c -> entities.stage(c, entities.unstaged(c), started));
      if (n < m.chunk()) {
        break;
      }
    }
    m.registration().registerLate();
    m.fill().sweepAll(true);
    // After the sweep a row without an internal ID is one that cannot be carried over.
    if (m.fill().unfilled() > 0) {
      skip(options);
    }
    m.keys().switchAll(facts);
  }
}
