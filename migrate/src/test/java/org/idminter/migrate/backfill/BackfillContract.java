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
import java.util.function.UnaryOperator;
import org.idminter.core.ProgressListener;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.Ulid;
import org.idminter.migrate.backfill.BackfillSpec.Scheme;
import org.idminter.migrate.engine.MigrationContract;
import org.idminter.store.TargetDatabase;
import org.junit.jupiter.api.Test;

/**
 * The backfill on one database: the engine's contract (the dry run writes nothing, apply conserves
 * every row and is idempotent, a stop at any statement resumes to the same end, one migrator at a
 * time) on {@code jobs.ulid}, and the backfill's own promises: values at each row's time in time
 * order, valid values kept, refusals that change nothing, rollback while nothing depends on the
 * column. {@link BackfillDuringApplyContract} adds what happens while the table changes.
 */
public abstract class BackfillContract extends MigrationContract<TargetDatabase> {
  /** Each migration a new run (its own lock owner); every fresh run draws the same secret. */
  private static final java.util.concurrent.atomic.AtomicLong RUNS =
      new java.util.concurrent.atomic.AtomicLong();

  static final BackfillSpec JOBS =
      new BackfillSpec("jobs", "ulid", Scheme.ULID, Optional.of("created_at"));

  BackfillFixture fixture() {
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
