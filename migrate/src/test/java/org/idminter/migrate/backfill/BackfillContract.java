package org.idminter.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.idminter.core.ProgressListener;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.Ulid;
import org.idminter.migrate.backfill.BackfillSpec.Scheme;
import org.idminter.migrate.engine.MigrationContract;
import org.idminter.store.TargetDatabase;
import org.idminter.store.testing.StatementHooks;
import org.junit.jupiter.api.Test;

/**
 * The backfill on one database: the engine's contract (the dry run writes nothing, apply conserves
 * every row and is idempotent, a stop at any statement resumes to the same end, one migrator at a
 * time) on {@code jobs.ulid}, and the backfill's own promises: values at each row's time in time
 * order, valid values kept, refusals that change nothing, rows inserted meanwhile carried over,
 * rollback while nothing depends on the column.
 */
public abstract class BackfillContract extends MigrationContract<TargetDatabase> {
  /** Each migration a new run (its own lock owner); every fresh run draws the same secret. */
  private static final java.util.concurrent.atomic.AtomicLong RUNS =
      new java.util.concurrent.atomic.AtomicLong();

  static final BackfillSpec JOBS =
      new BackfillSpec("jobs", "ulid", Scheme.ULID, Optional.of("created_at"));

  private BackfillFixture fixture() {
    return new BackfillFixture(database());
  }

  @Override
  protected TargetDatabase connect(UnaryOperator<Connection> decorator) {
    return TargetDatabase.open(database().config(), new Random(5), decorator);
  }

  @Override
  protected void reset() {
    fixture().reset();
  }

  @Override
  protected void seed() {
    fixture().seedJobs();
  }

  static BackfillMigration migration(TargetDatabase db, BackfillSpec spec, Instant now) {
    return new BackfillMigration(
        db.database(),
        spec,
        Clock.fixed(now, ZoneOffset.UTC),
        TTL,
        25,
        new Random(RUNS.incrementAndGet()),
        new Random(11));
  }

  @Override
  protected void dryRun(TargetDatabase db) {
    BackfillPlan plan = migration(db, JOBS, T0).plan();
    assertThat(plan.rows()).isEqualTo(BackfillFixture.JOBS);
    assertThat(plan.toFill()).isEqualTo(BackfillFixture.JOBS);
    assertThat(plan.refusedCount()).isZero();
    assertThat(plan.columnExists()).isFalse();
  }

  @Override
  protected String apply(TargetDatabase db, Instant now) {
    return migration(db, JOBS, now).apply(Optional.empty(), ProgressListener.NONE).outcome();
  }

  @Override
  protected List<String> doneOutcomes() {
    return List.of("applied", "already applied");
  }

  @Override
  protected String snapshot() {
    BackfillFixture f = fixture();
    List<String> out = new ArrayList<>(f.rows("SELECT * FROM jobs ORDER BY id"));
    for (String[] own :
        new String[][] {
          {"idminter_backfill_keys", "SELECT k, ms, held FROM idminter_backfill_keys ORDER BY k"},
          {
            "idminter_backfill_order",
            "SELECT ord, k, ms, v FROM idminter_backfill_order ORDER BY ord"
          },
          {
            "idminter_backfill_facts",
            "SELECT fact, num, txt FROM idminter_backfill_facts WHERE fact NOT IN"
                + " ('backup', 'started_ms') ORDER BY fact"
          },
          {"idminter_backfill_state", "SELECT Phase, CopyCursor FROM idminter_backfill_state"}
        }) {
      if (f.hasColumn(own[0], own[0].endsWith("state") ? "Phase" : "k")
          || f.hasColumn(own[0], "fact")) {
        out.add(own[0]);
        out.addAll(f.rows(own[1]));
      }
    }
    return String.join("\n", out);
  }

  @Override
  protected void assertConserved(TargetDatabase db) {
    BackfillFixture f = fixture();
    assertThat(f.count("SELECT COUNT(*) FROM jobs")).isEqualTo(BackfillFixture.JOBS);
    List<String[]> rows =
        f.rows("SELECT id, ulid FROM jobs").stream().map(r -> r.split(" ")).toList();
    List<String[]> byTime =
        rows.stream()
            .sorted(
                Comparator.comparing(
                        (String[] r) -> BackfillFixture.jobTime(Integer.parseInt(r[0])))
                    .thenComparing(r -> Integer.parseInt(r[0])))
            .toList();
    Ulid previous = null;
    for (String[] r : byTime) {
      Ulid u = Ulid.parse(r[1]);
      assertThat(u.instant()).isEqualTo(BackfillFixture.jobTime(Integer.parseInt(r[0])));
      if (previous != null) {
        assertThat(u).as("ULIDs sort like (time, key)").isGreaterThan(previous);
      }
      previous = u;
    }
    BackfillResults.Verified v = migration(db, JOBS, T0).verify();
    assertThat(v.problems()).isEmpty();
    assertThat(v.passed()).isTrue();
    assertThat(v.lost()).contains(0L);
  }

  @Test
  void aTimeThatCannotBeReadIsRefusedInThePlanAndApplyChangesNothing() {
    seed();
    fixture().execute("UPDATE jobs SET created_at = 'last tuesday' WHERE id = 7");
    BackfillPlan plan = migration(open(), JOBS, T0).plan();
    assertThat(plan.refusedCount()).isEqualTo(1);
    assertThat(plan.refused().get(0).key()).isEqualTo("7");
    assertThat(plan.refused().get(0).reason()).contains("last tuesday");
    String before = snapshot();
    assertThatThrownBy(() -> apply(open(), T0))
        .hasMessageContaining("1 row(s) would be refused")
        .hasMessageContaining("nothing was changed");
    assertThat(snapshot()).isEqualTo(before);
  }

  /** A page of the staging's read (H2 names the key in upper case). */
  private static boolean staging(String sql) {
    return sql.toLowerCase(java.util.Locale.ROOT).startsWith("select id, case when");
  }

  @Test
  void aTimeSpoiltAfterThePlanStopsApplyNamingTheRowAndApplyResumesOnceItIsFixed() {
    seed();
    AtomicBoolean spoilt = new AtomicBoolean();
    TargetDatabase spoiling =
        open(
            StatementHooks.onStatement(
                sql -> staging(sql) && !spoilt.getAndSet(true),
                () ->
                    fixture().execute("UPDATE jobs SET created_at = 'last tuesday' WHERE id = 7")));
    assertThatThrownBy(() -> apply(spoiling, T0))
        .hasMessageContaining("1 row(s) of jobs have a created_at that cannot be read")
        .hasMessageContaining("key 7")
        .hasMessageContaining("last tuesday");
    assertThat(spoilt).isTrue();
    assertThat(fixture().rows("SELECT ulid FROM jobs WHERE ulid IS NOT NULL")).isEmpty();
    fixture().execute("UPDATE jobs SET created_at = '2024-05-01T12:00:00.007Z' WHERE id = 7");
    assertThat(apply(open(), T0)).isEqualTo("applied");
    assertThat(migration(open(), JOBS, T0).verify().passed()).isTrue();
  }

  @Test
  void aRunStagedByAnEarlierBuildIsRefusedWithWhatToDo() {
    seed();
    TargetDatabase stopping =
        open(
            StatementHooks.onStatement(
                BackfillContract::staging,
                () -> {
                  throw new IllegalStateException("stopped while staging");
                }));
    assertThatThrownBy(() -> apply(stopping, T0)).hasMessageContaining("stopped while staging");
    fixture().execute("ALTER TABLE idminter_backfill_keys DROP COLUMN rnd");
    assertThatThrownBy(() -> apply(open(), T0))
        .hasMessageContaining("started by an earlier build of idminter")
        .hasMessageContaining("backfill rollback")
        .hasMessageContaining("nothing was changed");
  }

  @Test
  void validValuesAlreadyHeldAreKeptInvalidOnesRefusedAndRollbackClearsOnlyApplysValues() {
    seed();
    String held = new Ulid(BackfillFixture.BASE.toEpochMilli() << 16, 42).toString();
    fixture()
        .execute(
            "ALTER TABLE jobs ADD COLUMN ulid VARCHAR(26)",
            "UPDATE jobs SET ulid = '" + held + "' WHERE id = 3",
            "UPDATE jobs SET ulid = 'not-a-ulid' WHERE id = 4");
    BackfillPlan plan = migration(open(), JOBS, T0).plan();
    assertThat(plan.refused()).extracting(BackfillPlan.Refused::key).containsExactly("4");
    assertThat(plan.refused().get(0).reason()).contains("not-a-ulid");

    fixture().execute("UPDATE jobs SET ulid = NULL WHERE id = 4");
    BackfillResults.Applied a =
        migration(open(), JOBS, T0).apply(Optional.empty(), ProgressListener.NONE);
    assertThat(a.kept()).isEqualTo(1);
    assertThat(a.filled()).isEqualTo(BackfillFixture.JOBS - 1);
    assertThat(fixture().rows("SELECT ulid FROM jobs WHERE id = 3")).containsExactly(held);
    assertThat(migration(open(), JOBS, T0).verify().passed()).isTrue();

    migration(open(), JOBS, T0).rollback();
    assertThat(fixture().rows("SELECT id, ulid FROM jobs WHERE ulid IS NOT NULL"))
        .containsExactly("3 " + held);
    assertThat(fixture().hasColumn("jobs", "ulid")).isTrue();
  }

  @Test
  void aValueHeldByTwoRowsIsRefused() {
    seed();
    fixture()
        .execute(
            "ALTER TABLE jobs ADD COLUMN ulid VARCHAR(26)",
            "UPDATE jobs SET ulid = '01HZ0000000000000000000000' WHERE id IN (5, 6)");
    BackfillPlan plan = migration(open(), JOBS, T0).plan();
    assertThat(plan.refusedCount()).isEqualTo(2);
    assertThat(plan.refused().get(0).reason())
        .contains("01HZ0000000000000000000000 is held by 2 rows");
    assertThatThrownBy(() -> apply(open(), T0)).hasMessageContaining("nothing was changed");
  }

  @Test
  void flake64ValuesTakeEachRowsEpochMillisecondsAndSortByTimeThenTextKey() {
    fixture().seedSessions();
    BackfillSpec spec =
        new BackfillSpec("sessions", "internal_id", Scheme.FLAKE64, Optional.of("started"));
    assertThat(migration(open(), spec, T0).apply(Optional.empty(), ProgressListener.NONE).outcome())
        .isEqualTo("applied");
    List<String[]> rows =
        fixture().rows("SELECT token, started, internal_id FROM sessions").stream()
            .map(r -> r.split(" "))
            .sorted(
                Comparator.comparing((String[] r) -> Long.parseLong(r[1])).thenComparing(r -> r[0]))
            .toList();
    long previous = -1;
    for (String[] r : rows) {
      Flake64 f = new Flake64(Long.parseLong(r[2]));
      assertThat(f.timestamp()).isEqualTo(Long.parseLong(r[1]));
      assertThat(f.value()).isGreaterThan(previous);
      previous = f.value();
    }
    assertThat(migration(open(), spec, T0).verify().passed()).isTrue();
  }

  @Test
  void aValueSomeRowAlreadyHoldsIsPassedOverAndTheNextOneDrawn() {
    fixture().seedSessions();
    long base = BackfillFixture.BASE.toEpochMilli();
    long first = Flake64.of(base, 0).value();
    fixture()
        .execute(
            "ALTER TABLE sessions ADD internal_id BIGINT NULL",
            "INSERT INTO sessions (token, started, internal_id) VALUES ('held', "
                + base
                + ", "
                + first
                + ")");
    BackfillSpec spec =
        new BackfillSpec("sessions", "internal_id", Scheme.FLAKE64, Optional.of("started"));
    assertThat(migration(open(), spec, T0).apply(Optional.empty(), ProgressListener.NONE).outcome())
        .isEqualTo("applied");
    assertThat(fixture().rows("SELECT token FROM sessions WHERE internal_id = " + first))
        .containsExactly("held");
    assertThat(
            fixture()
                .rows(
                    "SELECT COUNT(*) FROM sessions WHERE internal_id = "
                        + Flake64.of(base, 1).value()))
        .containsExactly("1");
    assertThat(fixture().rows("SELECT internal_id FROM sessions"))
        .hasSize(51)
        .doesNotHaveDuplicates();
    assertThat(migration(open(), spec, T0).verify().passed()).isTrue();
  }

  @Test
  void withoutATimeColumnEveryValueCarriesTheRunsStart() {
    seed();
    BackfillSpec spec = new BackfillSpec("jobs", "ulid", Scheme.ULID, Optional.empty());
    migration(open(), spec, T0).apply(Optional.empty(), ProgressListener.NONE);
    assertThat(fixture().rows("SELECT ulid FROM jobs"))
        .hasSize(BackfillFixture.JOBS)
        .allSatisfy(u -> assertThat(Ulid.parse(u).instant()).isEqualTo(T0))
        .doesNotHaveDuplicates();
  }

  @Test
  void rowsInsertedDuringApplyAreCarriedOver() {
    seed();
    AtomicBoolean written = new AtomicBoolean();
    TargetDatabase writing =
        open(
            StatementHooks.onStatement(
                sql ->
                    sql.startsWith("SELECT COUNT(*) FROM idminter_backfill_keys WHERE held")
                        && !written.getAndSet(true),
                () ->
                    fixture()
                        .execute(
                            "INSERT INTO jobs (id, name, created_at) VALUES (500, 'late',"
                                + " '2024-05-01T12:00:00.005Z')")));
    assertThat(migration(writing, JOBS, T0).apply(Optional.empty(), ProgressListener.NONE).filled())
        .isEqualTo(BackfillFixture.JOBS + 1);
    assertThat(written).isTrue();
    // A row inserted meanwhile sorts after every value already issued: its time is the later of
    // its own and the last value's.
    Ulid late = Ulid.parse(fixture().rows("SELECT ulid FROM jobs WHERE id = 500").get(0));
    assertThat(late.instant()).isAfterOrEqualTo(Instant.parse("2024-05-01T12:00:00.005Z"));
    assertThat(fixture().rows("SELECT ulid FROM jobs WHERE id <> 500"))
        .allSatisfy(u -> assertThat(Ulid.parse(u)).isLessThan(late));
    BackfillResults.Verified v = migration(open(), JOBS, T0).verify();
    assertThat(v.problems()).isEmpty();
    assertThat(v.rowsNow()).isEqualTo(BackfillFixture.JOBS + 1);
  }

  @Test
  void applyRunAgainAfterItEndedFillsRowsInsertedSinceAfterEveryValueIssued() {
    seed();
    assertThat(apply(open(), T0)).isEqualTo("applied");
    fixture()
        .execute(
            "INSERT INTO jobs (id, name, created_at) VALUES (700, 'later', '2024-05-01T11:00:00Z')");
    BackfillResults.Verified before = migration(open(), JOBS, T0).verify();
    assertThat(before.missing()).isEqualTo(1);
    BackfillResults.Applied again =
        migration(open(), JOBS, T0).apply(Optional.empty(), ProgressListener.NONE);
    assertThat(again.outcome()).isEqualTo("applied");
    assertThat(again.verified().passed()).isTrue();
    Ulid late = Ulid.parse(fixture().rows("SELECT ulid FROM jobs WHERE id = 700").get(0));
    assertThat(fixture().rows("SELECT ulid FROM jobs WHERE id <> 700"))
        .allSatisfy(u -> assertThat(Ulid.parse(u)).isLessThan(late));
    assertThat(apply(open(), T0)).isEqualTo("already applied");
  }

  @Test
  void aRowDeletedDuringApplyIsNotFilledAndVerifySaysItIsGone() {
    seed();
    AtomicBoolean deleted = new AtomicBoolean();
    TargetDatabase deleting =
        open(
            StatementHooks.onStatement(
                sql ->
                    sql.startsWith("SELECT COUNT(*) FROM idminter_backfill_keys WHERE held")
                        && !deleted.getAndSet(true),
                () -> fixture().execute("DELETE FROM jobs WHERE id = 9")));
    assertThat(
            migration(deleting, JOBS, T0).apply(Optional.empty(), ProgressListener.NONE).filled())
        .isEqualTo(BackfillFixture.JOBS - 1);
    BackfillResults.Verified v = migration(open(), JOBS, T0).verify();
    assertThat(v.lost()).contains(1L);
    assertThat(v.passed()).isFalse();
    assertThat(v.problems()).anyMatch(p -> p.contains("1 row(s) that existed when apply began"));
  }

  @Test
  void rollbackDropsTheColumnAndIndexLeavingTheTableAsBefore() {
    seed();
    List<String> before = fixture().rows("SELECT * FROM jobs ORDER BY id");
    apply(open(), T0);
    assertThat(fixture().hasColumn("jobs", "ulid")).isTrue();
    migration(open(), JOBS, T0).rollback();
    assertThat(fixture().hasColumn("jobs", "ulid")).isFalse();
    assertThat(fixture().rows("SELECT * FROM jobs ORDER BY id")).isEqualTo(before);
    assertThat(fixture().hasColumn("idminter_backfill_keys", "k")).isFalse();
    // A new backfill starts afresh.
    assertThat(apply(open(), T0)).isEqualTo("applied");
  }

  @Test
  void finishKeepsTheColumnDropsTheBackfillsTablesAndLetsAnotherBackfillStart() {
    seed();
    assertThatThrownBy(() -> migration(open(), JOBS, T0).finish())
        .hasMessageContaining("nothing to finish");
    apply(open(), T0);
    List<String> filled = fixture().rows("SELECT id, ulid FROM jobs ORDER BY id");
    assertThat(migration(open(), JOBS, T0).finish()).startsWith("finished: jobs.ulid");
    assertThat(fixture().rows("SELECT id, ulid FROM jobs ORDER BY id")).isEqualTo(filled);
    assertThat(fixture().hasColumn("idminter_backfill_keys", "k")).isFalse();
    assertThat(fixture().hasColumn("idminter_backfill_facts", "fact")).isFalse();
    assertThat(migration(open(), JOBS, T0).verify().passed()).isTrue();
    assertThatThrownBy(() -> migration(open(), JOBS, T0).rollback())
        .hasMessageContaining("nothing to roll back");
    fixture().seedSessions();
    BackfillSpec sessions =
        new BackfillSpec("sessions", "internal_id", Scheme.FLAKE64, Optional.of("started"));
    assertThat(apply(open(), sessions)).isEqualTo("applied");
  }

  private String apply(TargetDatabase db, BackfillSpec spec) {
    return migration(db, spec, T0).apply(Optional.empty(), ProgressListener.NONE).outcome();
  }

  @Test
  void rollbackIsRefusedWhileTheApplicationWritesTheColumn() {
    seed();
    apply(open(), T0);
    fixture()
        .execute(
            "INSERT INTO jobs (id, name, created_at, ulid) VALUES (900, 'app', '2024-06-01',"
                + " '01HZ0000000000000000000000')");
    assertThatThrownBy(() -> migration(open(), JOBS, T0).rollback())
        .hasMessageContaining("1 row(s) hold a value in ulid that apply did not write")
        .hasMessageContaining("nothing was changed");
    assertThat(fixture().hasColumn("jobs", "ulid")).isTrue();
  }

  @Test
  void aTableWithoutASingleColumnKeyIsRefusedOutsideSqlite() {
    fixture().execute("CREATE TABLE jobs (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b))");
    fixture().execute("INSERT INTO jobs (a, b) VALUES (1, 1)");
    BackfillSpec spec = new BackfillSpec("jobs", "ulid", Scheme.ULID, Optional.empty());
    if (database().kind().equals("SQLite")) {
      assertThat(migration(open(), spec, T0).plan().key()).isEqualTo("rowid");
    } else {
      assertThatThrownBy(() -> migration(open(), spec, T0).plan())
          .hasMessageContaining("composite primary key");
    }
  }
}
