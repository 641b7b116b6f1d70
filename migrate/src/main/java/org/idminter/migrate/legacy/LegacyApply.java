package org.idminter.migrate.legacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.migrate.legacy.MigrationState.Phase;
import org.idminter.migrate.legacy.Results.Applied;
import org.idminter.store.IdStore;
import org.idminter.store.jdbc.Database;

/**
 * apply as its sequence of phases (NEW → COPYING → SWAPPING → SWAPPED → DONE), under the lease
 * lock, each phase resumable after a crash at any statement: refuse before writing anything, create
 * the target tables, copy, verify, swap, check identifiers_old, refresh statistics, record the
 * schema version, optionally pregenerate IDs. Each step's time is reported.
 */
final class LegacyApply {
  private final IdStore store;
  private final Database db;
  private final MigrationState state;
  private final LegacyPlanner planner;
  private final LegacyCopy copier;

  LegacyApply(IdStore store, MigrationState state, LegacyPlanner planner, LegacyCopy copier) {
    this.store = store;
    this.db = store.database();
    this.state = state;
    this.planner = planner;
    this.copier = copier;
  }

  Applied apply(ApplyOptions options, ProgressListener progress) {
    Map<String, Long> millis = new LinkedHashMap<>();
    long started = System.nanoTime();
    // A fresh run checks everything that can refuse before it writes anything (even its lock).
    LegacyPlanner.Analysis fresh =
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
            });
    millis.put("plan", (System.nanoTime() - started) / 1_000_000);
    db.inTransaction(
        "creating the migration state",
        c -> {
          LegacyTables.runScript(c, db.dialect(), "create-state.sql", Map.of());
          return null;
        });
    MigrationState.Row row = db.inTransaction("taking the migration lock", state::acquire);
    try {
      if (row.phase() == Phase.DONE) {
        return new Applied(
            "already migrated",
            row.source().orElseThrow(),
            0,
            List.of(),
            millis,
            "already migrated: identifiers is in the RFC 083 schema and the legacy table is kept as identifiers_old;"
                + " nothing was changed");
      }
      Optional<String> resumeAfter = row.phase() == Phase.COPYING ? row.cursor() : Optional.empty();
      if (row.phase() == Phase.NEW || row.phase() == Phase.COPYING) {
        LegacyPlanner.Analysis a =
            fresh != null && row.phase() == Phase.NEW
                ? fresh
                : step(
                    millis,
                    "plan",
                    () ->
                        db.read(
                            "analysing the legacy table",
                            c -> planner.analyse(c, LegacyTables.LEGACY)));
        refuseUnlessAllowed(a, options);
        step(
            millis,
            "create",
            () ->
                db.inTransaction(
                    "creating canonical_ids and identifiers_new",
                    c -> {
                      LegacyTables.runScript(
                          c,
                          db.dialect(),
                          "create-target.sql",
                          db.dialect().migrationPlaceholders(c.getMetaData()));
                      return null;
                    }));
        step(
            millis,
            "copy",
            () -> {
              copier.copyAll(a, resumeAfter, progress);
              return null;
            });
        Fingerprint verified = step(millis, "verify", () -> copier.verifyCopy(progress));
        db.inTransaction(
            "recording the verified source",
            c -> {
              state.recordFingerprint(c, "Source", verified);
              state.advance(c, Phase.SWAPPING, Optional.empty());
              return null;
            });
        row = db.read("reading the migration state", c -> state.read(c).orElseThrow());
      }
      if (row.phase() == Phase.SWAPPING) {
        step(
            millis,
            "swap",
            () -> {
              copier.swap();
              return null;
            });
        row = db.read("reading the migration state", c -> state.read(c).orElseThrow());
      }
      Fingerprint source = row.source().orElseThrow();
      LegacyPlanner.Analysis after =
          step(millis, "check-old", () -> copier.carryOverAfterSwap(source));
      // The copy wrote every row into tables the planner has no statistics for; lookups planned
      // from them (legacy verify, the first mint calls) would scan instead of probing keys.
      step(
          millis,
          "statistics",
          () -> {
            db.refreshStatistics(List.of("identifiers", "canonical_ids"));
            return null;
          });
      step(millis, "baseline", () -> store.schema().migrate());
      if (options.pregenerate() > 0) {
        step(millis, "pregenerate", () -> store.pool().topUp(options.pregenerate(), progress));
      }
      db.inTransaction(
          "finishing the migration",
          c -> {
            state.advance(c, Phase.DONE, Optional.empty());
            return null;
          });
      millis.put("total", (System.nanoTime() - started) / 1_000_000);
      long migrated = after.source().rows() - after.refusedById().size();
      return new Applied(
          "migrated",
          after.source(),
          migrated,
          List.copyOf(after.refusedById().values()),
          millis,
          "migrated "
              + migrated
              + " row(s); "
              + after.refusedById().size()
              + " skipped; the legacy table is kept as"
              + " identifiers_old");
    } finally {
      db.inTransaction(
          "releasing the migration lock",
          c -> {
            if (LegacyTables.tables(c).contains(LegacyTables.STATE)) {
              state.release(c);
            }
            return null;
          });
    }
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

  @FunctionalInterface
  private interface StepWork<T> {
    T run();
  }

  private static <T> T step(Map<String, Long> millis, String name, StepWork<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.run();
    } finally {
      millis.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
    }
  }
}
