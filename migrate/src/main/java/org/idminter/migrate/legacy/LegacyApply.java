package org.idminter.migrate.legacy;

import static org.idminter.migrate.legacy.LegacyTables.SOURCE;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.core.Sleeper;
import org.idminter.migrate.engine.Fingerprint;
import org.idminter.migrate.engine.Lease;
import org.idminter.migrate.engine.Phase;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.migrate.engine.PhasedApply;
import org.idminter.migrate.engine.Throttle;
import org.idminter.migrate.engine.Timings;
import org.idminter.migrate.legacy.Results.Applied;
import org.idminter.store.IdStore;
import org.idminter.store.jdbc.Database;
import org.idminter.store.schema.Rfc083Tables;

/**
 * apply as the engine's three phases, under the lease lock, each resumable after a crash at any
 * statement: COPYING (create the target tables, copy in chunks with a cursor, verify the copy),
 * SWAPPING (rename the tables) and SWAPPED (check identifiers_old, refresh statistics, record the
 * schema version, optionally pregenerate IDs). Before any of it, a fresh run checks everything that
 * can refuse, writing nothing. Each step's time is reported.
 */
final class LegacyApply {
  private final IdStore store;
  private final Database db;
  private final Lease lease;
  private final LegacyPlanner planner;
  private final LegacyCopy copier;

  LegacyApply(IdStore store, Lease lease, LegacyPlanner planner, LegacyCopy copier) {
    this.store = store;
    this.db = store.database();
    this.lease = lease;
    this.planner = planner;
    this.copier = copier;
  }

  Applied apply(ApplyOptions options, ProgressListener progress) {
    Timings timings = Timings.started();
    Throttle throttle =
        Throttle.of(options.maxLoad(), db, Sleeper.REAL, java.time.Duration.ofSeconds(1));
    // A fresh run checks everything that can refuse before it writes anything (even its lock).
    LegacyPlanner.Analysis fresh =
        timings.step(
            "plan",
            () ->
                db.read(
                    "checking the legacy table",
                    c -> {
                      Set<String> tables = LegacyTables.tables(c);
                      if (tables.contains(LegacyTables.STATE)) {
                        return null; // an earlier run's state: resume under the lock
                      }
                      LegacyMigration.requireLegacyShape(tables, true);
                      LegacyPlanner.Analysis a = planner.analyse(c, LegacyTables.LEGACY);
                      refuseUnlessAllowed(a, options);
                      return a;
                    }));
    AtomicReference<LegacyPlanner.Analysis> after = new AtomicReference<>();
    AtomicReference<LegacyCopy.Verified> verified = new AtomicReference<>();
    PhasedApply.Result result =
        new PhasedApply(db, lease)
            .run(
                List.of(
                    new Phase("COPYING", run -> verified.set(copy(run, fresh, options))),
                    new Phase("SWAPPING", run -> run.step("swap", () -> copier.swap(run))),
                    new Phase(
                        "SWAPPED",
                        run ->
                            after.set(finish(run, options, Optional.ofNullable(verified.get()))))),
                timings,
                progress,
                throttle);
    if (result.alreadyDone()) {
      return new Applied(
          "already migrated",
          result.state().fingerprint(SOURCE),
          0,
          List.of(),
          timings.steps(),
          "already migrated: identifiers is in the RFC 083 schema and the legacy table is kept as identifiers_old;"
              + " nothing was changed");
    }
    LegacyPlanner.Analysis done = after.get();
    long migrated = done.source().rows() - done.refusedById().size();
    return new Applied(
        "migrated",
        done.source(),
        migrated,
        List.copyOf(done.refusedById().values()),
        timings.withTotal(),
        "migrated "
            + migrated
            + " row(s); "
            + done.refusedById().size()
            + " skipped; the legacy table is kept as identifiers_old");
  }

  /** COPYING: create the target, copy from the cursor on, verify and record the source. */
  private LegacyCopy.Verified copy(
      PhaseRun run, LegacyPlanner.Analysis fresh, ApplyOptions options) {
    LegacyPlanner.Analysis a =
        fresh != null && !run.resumed()
            ? fresh
            : run.step(
                "plan",
                () ->
                    db.read(
                        "analysing the legacy table",
                        c -> planner.analyse(c, LegacyTables.LEGACY)));
    refuseUnlessAllowed(a, options);
    run.step(
        "create",
        () -> {
          db.inTransaction(
              "creating canonical_ids and identifiers_new",
              c -> {
                LegacyTables.execute(
                    c,
                    Rfc083Tables.statements(
                        db.dialect(),
                        db.dialect().migrationPlaceholders(c.getMetaData()),
                        LegacyTables.NEW));
                return null;
              });
          copier.prepare(a);
        });
    run.step("copy", () -> copier.copyAll(a, run.resumeCursor(), run));
    LegacyCopy.Verified verified = run.step("verify", () -> copier.verifyCopy(run, a));
    db.inTransaction(
        "recording the verified source",
        c -> {
          run.record(c, SOURCE, verified.comparison().source());
          return null;
        });
    return verified;
  }

  /** SWAPPED: carry late writes over, refresh statistics, baseline, pregenerate. */
  private LegacyPlanner.Analysis finish(
      PhaseRun run, ApplyOptions options, Optional<LegacyCopy.Verified> verified) {
    Fingerprint source = run.state().fingerprint(SOURCE);
    LegacyPlanner.Analysis old =
        run.step("check-old", () -> copier.carryOverAfterSwap(source, run, verified));
    // The copy wrote every row into tables the planner has no statistics for; lookups planned
    // from them (legacy verify, the first mint calls) would scan instead of probing keys.
    run.step("statistics", () -> db.refreshStatistics(List.of("identifiers", "canonical_ids")));
    run.step("baseline", () -> store.schema().migrate());
    if (options.pregenerate() > 0) {
      run.step("pregenerate", () -> store.pool().topUp(options.pregenerate(), run.progress()));
    }
    return old;
  }

  private void refuseUnlessAllowed(LegacyPlanner.Analysis a, ApplyOptions o) {
    if (a.source().rows() == 0 && !o.allowEmpty()) {
      throw new IdMinterException(
          "the legacy table is empty: nothing to migrate; pass --allow-empty to create the"
              + " RFC 083 schema anyway; nothing was changed");
    }
    if (o.expectChecksum().isPresent() && !o.expectChecksum().get().equals(a.source().checksum())) {
      throw new IdMinterException(
          "the source changed since its fingerprint was taken: expected checksum "
              + o.expectChecksum().get()
              + ", found "
              + a.source()
              + "; run `idminter legacy plan` again; nothing was changed");
    }
    if (!a.refusedById().isEmpty() && !o.skipRefused()) {
      Refusal first = a.refusedById().values().iterator().next();
      throw new IdMinterException(
          a.refusedById().size()
              + " legacy row(s) would be refused (first: "
              + first.row().key()
              + " "
              + first.row().canonicalId()
              + ": "
              + first.reason()
              + "); see `idminter legacy plan`,"
              + " fix them, or pass --skip-refused to skip them (each is listed in the report); nothing was changed");
    }
  }
}
