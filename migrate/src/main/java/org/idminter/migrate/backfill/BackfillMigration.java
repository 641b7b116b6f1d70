package org.idminter.migrate.backfill;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.migrate.backfill.BackfillResults.Applied;
import org.idminter.migrate.backfill.BackfillResults.Verified;
import org.idminter.migrate.engine.Lease;
import org.idminter.migrate.engine.RunIdentity;
import org.idminter.migrate.engine.TableShape;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Adds a ULID or flake64 column to an existing table and fills it for every row: plan (read-only),
 * apply (resumable after a stop at any statement; on SQLite a backup copy first), verify, rollback
 * (the column and index dropped, or, on a column that existed, apply's values cleared, while
 * nothing else depends on them), finish (its own tables dropped once verify passes). One backfill
 * at a time per database, from apply to finish or rollback: its tables have fixed names.
 */
public final class BackfillMigration {
  static final String ROLLING_BACK = "ROLLING_BACK";

  private final Database db;
  private final BackfillSpec spec;
  private final int chunk;
  private final Clock clock;
  private final RandomGenerator secrets;
  private final RunIdentity run;
  private final Lease lease;
  private final BackfillDdl ddl;

  /**
   * @param random names the run (a SecureRandom outside tests)
   * @param secrets draws the secret a fresh run's ULIDs come from (a SecureRandom outside tests)
   */
  public BackfillMigration(
      Database db,
      BackfillSpec spec,
      Clock clock,
      Duration lockTtl,
      int chunk,
      RandomGenerator random,
      RandomGenerator secrets) {
    this.db = db;
    this.spec = spec;
    this.chunk = chunk;
    this.clock = clock;
    this.secrets = secrets;
    this.run = RunIdentity.create(random);
    this.lease = new Lease(BackfillDdl.STATE, clock, lockTtl, run, db.dialect());
    this.ddl = new BackfillDdl(db.dialect());
  }

  public String runId() {
    return run.runId();
  }

  public BackfillPlan plan() {
    return new BackfillPlanner(db, ddl, chunk).plan(spec);
  }

  /**
   * @param maxLoad pause between chunks while the server is busier than this
   */
  public Applied apply(Optional<Long> maxLoad, ProgressListener progress) {
    return new BackfillApply(this, clock, secrets).apply(maxLoad, progress);
  }

  public Verified verify() {
    return new BackfillVerifier(db, ddl, spec, chunk).verify(facts());
  }

  /**
   * Undoes apply at whatever point it stopped; refused, changing nothing, while the application
   * writes the column (values apply did not write) or another index or foreign key uses it.
   */
  public String rollback() {
    state()
        .orElseThrow(
            () ->
                new IdMinterException(
                    ErrorCode.REFUSED,
                    "nothing to roll back: no backfill has been applied on this database"));
    Optional<BackfillFacts> facts = facts();
    facts.ifPresent(f -> f.requireSpec(spec.digest()));
    BackfillRollback undo = new BackfillRollback(db, ddl, spec);
    facts.ifPresent(undo::check);
    db.inTransaction(
        "taking the backfill lock",
        c -> {
          lease.acquire(c);
          lease.advance(c, ROLLING_BACK, Optional.empty());
          return null;
        });
    facts.ifPresent(undo::undo);
    dropOwnTables();
    return facts.map(f -> f.columnAdded()).orElse(false)
        ? "rolled back: the column "
            + spec.column()
            + " and its unique index are dropped; "
            + spec.table()
            + " is as before apply"
        : "rolled back: the values apply wrote into "
            + spec.table()
            + "."
            + spec.column()
            + " are cleared and the index it added is dropped; values that were there before"
            + " are kept";
  }

  /**
   * Ends a completed backfill once verify passes: drops its own tables (state, facts with the
   * secret, staging), keeping the column and its unique index; rollback is impossible afterwards,
   * and another backfill may start on this database.
   */
  public String finish() {
    Lease.Row state =
        state()
            .orElseThrow(
                () ->
                    new IdMinterException(
                        ErrorCode.REFUSED, "nothing to finish: no backfill is in progress here"));
    if (!state.phase().equals(Lease.DONE)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "apply has not completed (it stopped in phase "
              + state.phase()
              + "): run `backfill apply` again first, or roll it back; nothing was changed");
    }
    facts().ifPresent(f -> f.requireSpec(spec.digest()));
    Verified v = verify();
    if (!v.passed()) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "verify fails ("
              + v.problems().get(0)
              + "): finish keeps what rollback needs until every row holds a valid, unique value;"
              + " nothing was changed");
    }
    db.inTransaction(
        "taking the backfill lock",
        c -> {
          lease.acquire(c);
          return null;
        });
    dropOwnTables();
    return "finished: "
        + spec.table()
        + "."
        + spec.column()
        + " and its unique index stay; the backfill's own tables are dropped (rollback is no"
        + " longer possible)";
  }

  private void dropOwnTables() {
    for (String t :
        List.of(
            BackfillDdl.ORDER,
            BackfillDdl.KEYS,
            BackfillDdl.FACTS.name(),
            BackfillDdl.STATE.name())) {
      db.read("dropping " + t, c -> Sql.update(c, ddl.dropTable(t), ps -> {}));
    }
  }

  // ------------------------------------------------------------ shared with apply

  Database db() {
    return db;
  }

  BackfillSpec spec() {
    return spec;
  }

  int chunk() {
    return chunk;
  }

  Lease lease() {
    return lease;
  }

  BackfillDdl ddl() {
    return ddl;
  }

  Optional<Lease.Row> state() {
    return db.read(
        "reading the backfill state",
        c ->
            TableShape.stored(c, BackfillDdl.STATE.name()).isPresent()
                ? lease.read(c)
                : Optional.empty());
  }

  Optional<BackfillFacts> facts() {
    return db.read("reading the backfill's facts", BackfillFacts::read);
  }
}
