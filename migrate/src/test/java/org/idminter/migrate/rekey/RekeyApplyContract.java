package org.idminter.migrate.rekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idminter.core.ProgressListener;
import org.idminter.core.id.Flake64;
import org.idminter.migrate.rekey.RekeyResults.Options;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.testing.StatementHooks;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What rekey apply, verify, rollback and finish promise beyond the engine's contract, on every
 * database: internal IDs in creation order (then by number, never by text), with their time part
 * the creation time; refused rows stop apply writing nothing, or are moved aside and counted; rows
 * written during apply are carried over; verify catches a row that no longer resolves; rollback
 * restores every table exactly; finish needs verify to pass and drops the old columns for good.
 */
public abstract class RekeyApplyContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected abstract TestDatabase database();

  private RekeyFixture fixture;
  private IdStore store;

  @BeforeEach
  void seed() {
    fixture = new RekeyFixture(database());
    fixture.seed();
    store = open(java.util.function.UnaryOperator.identity());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private IdStore open(java.util.function.UnaryOperator<java.sql.Connection> decorator) {
    var c = database().config();
    return IdStore.builder(
            new StoreConfig(
                c.jdbcUrl(), c.user(), c.password(), false, new PoolPolicy(false, 0, 1), 8),
            new Random(3))
        .connectionDecorator(decorator)
        .open();
  }

  private RekeyMigration migration(IdStore s) {
    return RekeyMigrationContract.migration(s, T0);
  }

  private RekeyResults.Applied apply(Options options) {
    return migration(store).apply(options, ProgressListener.NONE);
  }

  private long internalId(String entity) {
    return Long.parseLong(
        fixture
            .column("SELECT internal_id FROM entity_head WHERE entity_id = '" + entity + "'")
            .get(0));
  }

  @Test
  void internalIdsFollowCreationTimeThenNumberWithTheirTimeTaken() {
    fixture.execute("UPDATE entity_revisions SET created_at = NULL WHERE entity_id = 'Q42'");
    assertThat(apply(Options.DEFAULT).outcome()).isEqualTo("applied");
    // P31 (2019) < Q2 < L7 < Q10 (one millisecond in 2020, by number) < Q42 (no time: the start).
    assertThat(List.of("P31", "Q2", "L7", "Q10", "Q42").stream().map(this::internalId).toList())
        .isSorted()
        .doesNotHaveDuplicates();
    long ms = Instant.parse("2020-01-03T00:00:00Z").toEpochMilli();
    assertThat(new Flake64(internalId("Q2"))).isEqualTo(Flake64.of(ms, 0));
    assertThat(new Flake64(internalId("L7"))).isEqualTo(Flake64.of(ms, 1));
    assertThat(new Flake64(internalId("Q10"))).isEqualTo(Flake64.of(ms, 2));
    assertThat(new Flake64(internalId("Q42")).timestamp()).isEqualTo(T0.toEpochMilli());
    assertThat(internalId("Q1")).isEqualTo(3000000000000000001L); // kept
    // Every child row carries its entity's internal ID.
    assertThat(
            fixture.count(
                "SELECT COUNT(*) FROM entity_revisions r JOIN entity_head h ON h.entity_id ="
                    + " r.entity_id WHERE h.internal_id <> r.internal_id"))
        .isZero();
    assertThat(
            fixture.column(
                "SELECT entity_type FROM entity_id_mapping WHERE external_id IN ('P31', 'L7')"))
        .containsExactlyInAnyOrder("lexeme", "property");
  }

  @Test
  void refusedRowsStopApplyWritingNothingOrAreMovedAsideAndComeBackOnRollback() {
    fixture.seedRefused();
    String before = fixture.snapshot();
    assertThatThrownBy(() -> apply(Options.DEFAULT))
        .hasMessageContaining("row(s) would be refused")
        .hasMessageContaining("--skip-refused");
    assertThat(fixture.snapshot()).isEqualTo(before);

    String tables = fixture.tables();
    RekeyResults.Applied a =
        apply(new Options(true, java.util.Optional.empty(), java.util.Optional.empty()));
    assertThat(a.counts().conserved()).as("%s", a.counts()).isTrue();
    // X5's head and revision, Q999's orphan revision, the NULL audit row.
    assertThat(a.counts().skipped())
        .containsEntry("entity_head", 1L)
        .containsEntry("entity_revisions", 2L)
        .containsEntry("entity_delete_audit", 1L);
    assertThat(a.skipped())
        .extracting(s -> s.table() + " " + s.externalId() + " " + s.rows())
        .contains("entity_head X5 1", "entity_revisions Q999 1", "entity_delete_audit null 1");
    assertThat(migration(store).verify().passed()).isTrue();

    migration(store).rollback();
    assertThat(fixture.tables()).isEqualTo(tables);
  }

  @Test
  void rowsWrittenDuringApplyAreCarriedOver() {
    AtomicBoolean written = new AtomicBoolean();
    IdStore writing =
        open(
            StatementHooks.onStatement(
                sql -> sql.startsWith("UPDATE entity_revision_meta") && !written.getAndSet(true),
                () ->
                    fixture.execute(
                        "INSERT INTO entity_head (entity_id, label) VALUES ('Q77', 'late')",
                        "INSERT INTO entity_revisions (entity_id, revision_id) VALUES ('Q77', 1)",
                        "INSERT INTO entity_revisions (entity_id, revision_id) VALUES ('Q2', 9)",
                        "UPDATE entity_delete_audit SET entity_id = 'Q10' WHERE entity_id = 'Q2'")));
    try {
      assertThat(migration(writing).apply(Options.DEFAULT, ProgressListener.NONE).outcome())
          .isEqualTo("applied");
    } finally {
      writing.close();
    }
    assertThat(written).isTrue();
    RekeyResults.Verified v = migration(store).verify();
    assertThat(v.problems()).isEmpty();
    assertThat(v.verifiedPerTable())
        .containsEntry("entity_head", 7L)
        .containsEntry("entity_revisions", 14L);
    assertThat(fixture.column("SELECT internal_id FROM entity_delete_audit"))
        .containsExactly(Long.toString(internalId("Q10")));
  }

  @Test
  void anOrphanWrittenDuringApplyStopsTheSwitchUntilSkipped() {
    AtomicBoolean written = new AtomicBoolean();
    IdStore writing =
        open(
            StatementHooks.onStatement(
                sql -> sql.startsWith("UPDATE entity_revision_meta") && !written.getAndSet(true),
                () ->
                    fixture.execute(
                        "INSERT INTO entity_revisions (entity_id, revision_id) VALUES ('Q404', 1)")));
    try {
      assertThatThrownBy(() -> migration(writing).apply(Options.DEFAULT, ProgressListener.NONE))
          .hasMessageContaining("rows that cannot be carried over were found")
          .hasMessageContaining("entity_revisions=1");
    } finally {
      writing.close();
    }
    // Nothing switched yet, nothing lost: the orphan is there, and --skip-refused moves it aside.
    assertThat(fixture.count("SELECT COUNT(*) FROM entity_revisions WHERE entity_id = 'Q404'"))
        .isEqualTo(1);
    RekeyResults.Applied a =
        RekeyMigrationContract.migration(store, T0.plusSeconds(600))
            .apply(
                new Options(true, java.util.Optional.empty(), java.util.Optional.empty()),
                ProgressListener.NONE);
    assertThat(a.outcome()).isEqualTo("applied");
    assertThat(a.skipped())
        .extracting(x -> x.table() + " " + x.externalId())
        .containsExactly("entity_revisions Q404");
    assertThat(migration(store).verify().passed()).isTrue();
  }

  @Test
  void anUnregisteredIdWrittenAsTheKeysSwitchStopsApplyUntilFixed() {
    AtomicBoolean written = new AtomicBoolean();
    IdStore writing =
        open(
            StatementHooks.onStatement(
                sql ->
                    sql.startsWith("ALTER TABLE entity_revisions")
                        && sql.contains("NOT NULL")
                        && !written.getAndSet(true),
                () ->
                    fixture.execute(
                        "INSERT INTO entity_revisions (entity_id, revision_id, internal_id)"
                            + " VALUES ('Q2', 8, 999999999)")));
    try {
      assertThatThrownBy(() -> migration(writing).apply(Options.DEFAULT, ProgressListener.NONE))
          .hasMessageContaining("entity_revisions");
    } finally {
      writing.close();
    }
    assertThat(written).isTrue();
    assertThat(migration(store).verify().passed()).isFalse();
    fixture.execute(
        "UPDATE entity_revisions SET internal_id = "
            + internalId("Q2")
            + " WHERE entity_id = 'Q2' AND revision_id = 8");
    assertThat(apply(Options.DEFAULT).outcome()).isEqualTo("applied");
    RekeyResults.Verified v = migration(store).verify();
    assertThat(v.problems()).isEmpty();
    assertThat(v.verifiedPerTable()).containsEntry("entity_revisions", 13L);
  }

  @Test
  void verifyCatchesARowThatNoLongerResolves() {
    apply(Options.DEFAULT);
    assertThat(migration(store).verify().passed()).isTrue();
    fixture.execute(
        "UPDATE entity_delete_audit SET internal_id = "
            + internalId("Q10")
            + " WHERE entity_id = 'Q2'");
    RekeyResults.Verified v = migration(store).verify();
    assertThat(v.passed()).isFalse();
    assertThat(v.failures()).isEqualTo(1);
    assertThat(v.problems()).anySatisfy(p -> assertThat(p).contains("entity_delete_audit: Q2"));
    assertThatThrownBy(() -> migration(store).finish()).hasMessageContaining("verify fails");
  }

  @Test
  void rollbackRestoresEveryTableExactlyAndFinishIsForGood() {
    String tables = fixture.tables();
    apply(Options.DEFAULT);
    migration(store).rollback();
    assertThat(fixture.tables()).isEqualTo(tables);
    assertThatThrownBy(() -> migration(store).rollback())
        .hasMessageContaining("nothing to roll back");
    // The registered entities stay: a second apply reuses them.
    long q2 =
        Long.parseLong(
            fixture
                .column("SELECT internal_id FROM entity_id_mapping WHERE external_id = 'Q2'")
                .get(0));
    apply(Options.DEFAULT);
    assertThat(internalId("Q2")).isEqualTo(q2);

    assertThat(migration(store).finish()).startsWith("finished");
    assertThat(fixture.column("SELECT internal_id FROM entity_revisions")).hasSize(12);
    assertThatThrownBy(() -> fixture.column("SELECT entity_id FROM entity_revisions"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> migration(store).rollback())
        .hasMessageContaining("nothing to roll back");
  }

  @Test
  void rollbackAfterApplyStoppedAnywhereRestoresTheTables() {
    String tables = fixture.tables();
    java.util.concurrent.atomic.AtomicInteger counted =
        new java.util.concurrent.atomic.AtomicInteger();
    IdStore counting = open(StatementHooks.countingOnly(counted));
    migration(counting).apply(Options.DEFAULT, ProgressListener.NONE);
    counting.close();
    int statements = counted.get();
    for (int k : new int[] {statements / 3, 2 * statements / 3, statements - 12}) {
      migration(store).rollback();
      assertThat(fixture.tables()).isEqualTo(tables);
      IdStore crashing =
          open(StatementHooks.crashingAt(k, new java.util.concurrent.atomic.AtomicInteger()));
      assertThatThrownBy(() -> migration(crashing).apply(Options.DEFAULT, ProgressListener.NONE))
          .isInstanceOf(StatementHooks.SimulatedCrash.class);
      crashing.close();
      // Another process, after the stopped run's lock expired.
      RekeyMigrationContract.migration(store, T0.plusSeconds(600)).rollback();
      assertThat(fixture.tables())
          .as("rolled back after a stop at statement %d", k)
          .isEqualTo(tables);
      apply(Options.DEFAULT);
    }
  }
}
