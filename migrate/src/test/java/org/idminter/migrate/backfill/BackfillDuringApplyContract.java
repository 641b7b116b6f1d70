package org.idminter.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idminter.core.ProgressListener;
import org.idminter.core.id.Ulid;
import org.idminter.store.TargetDatabase;
import org.idminter.store.testing.StatementHooks;
import org.junit.jupiter.api.Test;

/**
 * The backfill on one database while the table changes under it: rows inserted, deleted or given an
 * unreadable time during apply, apply run again after it ended, and a run left by an earlier build.
 */
public abstract class BackfillDuringApplyContract extends BackfillContract {
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
                BackfillDuringApplyContract::staging,
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

  /** A page of the staging's read (H2 names the key in upper case). */
  private static boolean staging(String sql) {
    return sql.toLowerCase(java.util.Locale.ROOT).startsWith("select id, case when");
  }
}
