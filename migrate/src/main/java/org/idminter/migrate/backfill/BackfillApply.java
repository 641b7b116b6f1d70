package org.idminter.migrate.backfill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.core.Sleeper;
import org.idminter.migrate.backfill.BackfillResults.Applied;
import org.idminter.migrate.engine.Lease;
import org.idminter.migrate.engine.Phase;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.migrate.engine.PhasedApply;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.engine.Throttle;
import org.idminter.migrate.engine.Timings;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * apply as the engine's phases under the lease, each resumable after a stop at any statement:
 * ADDING (the facts, the column and its unique index), STAGING (every row's key and time), TIMING
 * (times that could not be read, read again), ORDERING (an index of the rows to fill by time) and
 * FILLING (a chunk per transaction numbered, given values and written, then rows inserted
 * meanwhile). A fresh run checks everything that can refuse, and on SQLite copies the file, before
 * it writes anything, even its lock.
 */
final class BackfillApply {
  private final BackfillMigration m;
  private final Database db;
  private final Clock clock;
  private final RandomGenerator random;

  BackfillApply(BackfillMigration migration, Clock clock, RandomGenerator random) {
    this.m = migration;
    this.db = migration.db();
    this.clock = clock;
    this.random = random;
  }

  Applied apply(Optional<Long> maxLoad, ProgressListener progress) {
    Timings timings = Timings.started();
    Throttle throttle = Throttle.of(maxLoad, db, Sleeper.REAL, java.time.Duration.ofSeconds(1));
    Optional<Lease.Row> state = m.state();
    String phase = state.map(Lease.Row::phase).orElse(Lease.NEW);
    if (phase.equals(BackfillMigration.ROLLING_BACK)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "a `backfill rollback` was interrupted on this database; run it again to complete it;"
              + " nothing was changed");
    }
    if (phase.equals(Lease.DONE)) {
      reopenForLateRows();
    }
    BackfillFacts fresh;
    if (phase.equals(Lease.NEW)) {
      fresh = timings.step("plan", () -> check(state.isPresent()));
    } else {
      m.facts().ifPresent(f -> f.requireSpec(m.spec().digest()));
      requireCurrentStaging();
      fresh = null;
    }
    BackfillSpec spec = m.spec();
    String key = fresh != null ? fresh.key() : m.facts().map(BackfillFacts::key).orElse(null);
    BackfillStaging staging = new BackfillStaging(db, m.ddl(), spec, key, m.chunk());
    PhasedApply.Result result =
        new PhasedApply(db, m.lease())
            .run(
                List.of(
                    new Phase("ADDING", run -> run.step("add", () -> add(run, fresh))),
                    new Phase(
                        "STAGING",
                        run ->
                            run.step(
                                "stage",
                                () -> {
                                  staging.createTables();
                                  staging.stageAll(run, facts().startedMs());
                                })),
                    new Phase(
                        "TIMING",
                        run -> run.step("time", () -> staging.time(facts().startedMs(), run))),
                    new Phase("ORDERING", run -> run.step("order", staging::indexByTime)),
                    new Phase(
                        "FILLING",
                        run ->
                            run.step(
                                "fill",
                                () ->
                                    new BackfillFill(db, spec, staging, key, m.chunk())
                                        .fillAll(run, facts())))),
                timings,
                progress,
                throttle);
    BackfillFacts facts = facts();
    BackfillResults.Verified verified =
        timings.step(
            "verify",
            () -> new BackfillVerifier(db, m.ddl(), spec, m.chunk()).verify(Optional.of(facts)));
    // Rows holding the value apply gave them (not one deleted, or filled by another writer, since).
    long written =
        count(
            "SELECT COUNT(*) FROM "
                + BackfillDdl.ORDER
                + " o JOIN "
                + spec.table()
                + " t ON t."
                + key
                + " = o.k AND t."
                + spec.column()
                + " = o.v");
    long kept = count("SELECT COUNT(*) FROM " + BackfillDdl.KEYS + " WHERE held = 1");
    String next =
        verified.passed()
            ? "every row holds a valid, unique value. Next: `backfill finish --confirm`"
            : "but verify finds "
                + verified.problems().get(0)
                + ": run apply again to carry over rows inserted since, or see `backfill verify`";
    if (result.alreadyDone()) {
      return new Applied(
          "already applied",
          facts.rowsBefore(),
          verified.rowsNow(),
          written,
          kept,
          verified,
          facts.backup(),
          timings.steps(),
          "already applied (nothing was changed); " + next);
    }
    return new Applied(
        "applied",
        facts.rowsBefore(),
        verified.rowsNow(),
        written,
        kept,
        verified,
        facts.backup(),
        timings.withTotal(),
        "applied: "
            + written
            + " row(s) of "
            + spec.table()
            + " given a "
            + spec.scheme().word()
            + " in "
            + spec.column()
            + ", "
            + kept
            + " kept the value they held; "
            + next
            + facts
                .backup()
                .map(b -> " (the file before apply is copied to " + b + ")")
                .orElse(""));
  }

  /**
   * A completed backfill whose table has rows without a value (inserted after it ended) goes back
   * to FILLING, continuing after the last value it issued, so this run carries them over.
   */
  private void reopenForLateRows() {
    BackfillSpec spec = m.spec();
    m.facts().ifPresent(f -> f.requireSpec(spec.digest()));
    long late =
        count("SELECT COUNT(*) FROM " + spec.table() + " WHERE " + spec.column() + " IS NULL");
    if (late == 0) {
      return;
    }
    db.inTransaction(
        "reopening the backfill for " + late + " row(s) inserted since it ended",
        c -> {
          List<String> last =
              Sql.query(
                  c,
                  "SELECT ord, v FROM "
                      + BackfillDdl.ORDER
                      + " WHERE ord = (SELECT MAX(ord) FROM "
                      + BackfillDdl.ORDER
                      + ")",
                  ps -> {},
                  rs -> rs.getLong(1) + "|" + rs.getString(2));
          m.lease().acquire(c);
          m.lease().advance(c, "FILLING", Optional.of(last.isEmpty() ? "" : last.get(0)));
          return null;
        });
  }

  /**
   * A run stopped by an earlier idminter staged without rounds and numbered every row before
   * filling: this version cannot continue it.
   */
  private void requireCurrentStaging() {
    db.read(
        "checking the backfill's staging table",
        c -> {
          if (TableShape.stored(c, BackfillDdl.KEYS).isPresent()
              && !TableShape.require(c, BackfillDdl.KEYS).hasColumn("rnd")) {
            throw new IdMinterException(
                ErrorCode.REFUSED,
                "this backfill was started by an earlier build of idminter, whose staging this version"
                    + " cannot continue: finish it with that version, or run `backfill rollback`"
                    + " and apply again; nothing was changed");
          }
          return null;
        });
  }

  private long count(String sql) {
    return db.read("counting rows", c -> Sql.queryLong(c, sql, ps -> {}));
  }

  private BackfillFacts facts() {
    return m.facts().orElseThrow(() -> new IdMinterException("the backfill's facts are missing"));
  }

  /**
   * Everything a fresh run can refuse on, before it writes; then the SQLite backup. Returns the
   * facts it will record. A run stopped before its first checkpoint may have left its own tables.
   */
  private BackfillFacts check(boolean started) {
    BackfillSpec spec = m.spec();
    BackfillPlan plan = m.plan();
    if (plan.refusedCount() > 0) {
      BackfillPlan.Refused first = plan.refused().get(0);
      throw new IdMinterException(
          ErrorCode.REFUSED,
          plan.refusedCount()
              + " row(s) would be refused (first: key "
              + first.key()
              + ": "
              + first.reason()
              + "); see `idminter backfill plan`, fix them and run apply again; nothing was"
              + " changed");
    }
    db.read(
        "checking for another backfill's tables",
        c -> {
          for (String own : List.of(BackfillDdl.KEYS, BackfillDdl.ORDER)) {
            if (!started && TableShape.stored(c, own).isPresent()) {
              throw new IdMinterException(
                  ErrorCode.REFUSED,
                  own
                      + " is left from another backfill that has no state; drop it if no backfill"
                      + " is running; nothing was changed");
            }
          }
          return null;
        });
    Optional<String> backup = m.ddl().sqlite() ? Optional.of(backup()) : Optional.empty();
    return new BackfillFacts(
        clock.millis(),
        spec.digest(),
        random.nextLong(),
        !plan.columnExists(),
        !plan.uniqueIndexExists(),
        plan.rows(),
        plan.key(),
        backup);
  }

  /** Copies the SQLite file beside itself, consistently, before the first write; returns where. */
  private String backup() {
    String file =
        db.read(
            "finding the SQLite file",
            c ->
                Sql.query(
                        c,
                        "SELECT file FROM pragma_database_list WHERE name = 'main'",
                        ps -> {},
                        rs -> rs.getString(1))
                    .get(0));
    if (file == null || file.isEmpty()) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "this SQLite database is in memory: a backfill copies the file first, so it needs"
              + " jdbc:sqlite:FILE; nothing was changed");
    }
    Path copy = Path.of(file + ".before-backfill-" + m.runId().substring(0, 8));
    if (Files.exists(copy)) {
      throw new IdMinterException(
          ErrorCode.REFUSED, copy + " exists already: move it away; nothing was changed");
    }
    db.read(
        "copying the SQLite file to " + copy,
        c -> Sql.update(c, m.ddl().backup(), ps -> ps.setString(1, copy.toString())));
    return copy.toString();
  }

  /** ADDING: the facts once, then the column and the unique index unless present. */
  private void add(PhaseRun run, BackfillFacts fresh) {
    db.read(
        "creating " + BackfillDdl.FACTS.name(),
        c -> {
          BackfillDdl.FACTS.create(c);
          return null;
        });
    if (!run.resumed()) {
      db.inTransaction(
          "recording the run's facts",
          c -> {
            fresh.writeOnce(c);
            run.checkpoint(c, "");
            return null;
          });
    }
    BackfillFacts facts = facts();
    BackfillSpec spec = m.spec();
    db.read(
        "adding " + spec.column() + " and its unique index",
        c -> {
          TableShape shape = TableShape.require(c, spec.table());
          if (!shape.hasColumn(spec.column())) {
            Sql.update(c, m.ddl().addColumn(spec), ps -> {});
          }
          String index = BackfillDdl.uniqueIndex(spec);
          if (facts.indexAdded() && !shape.hasIndex(index)) {
            Sql.update(c, m.ddl().createIndex(index, spec.table(), spec.column(), true), ps -> {});
          }
          return null;
        });
  }
}
