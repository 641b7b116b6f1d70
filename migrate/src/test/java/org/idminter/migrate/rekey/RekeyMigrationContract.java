package org.idminter.migrate.rekey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.idminter.core.ProgressListener;
import org.idminter.migrate.engine.MigrationContract;
import org.idminter.store.IdStore;

/**
 * The migration engine's contract for the rekey: the plan writes nothing, apply conserves every row
 * and a second apply changes nothing, apply stopped at any statement and run again ends exactly
 * like an uninterrupted run (rows, keys, registry and staging alike), and one migrator at a time.
 */
public abstract class RekeyMigrationContract extends MigrationContract<IdStore> {
  @Override
  protected IdStore connect(java.util.function.UnaryOperator<java.sql.Connection> decorator) {
    return openStore(database(), decorator);
  }

  /** Small chunks, so every phase commits several cursors the crash test stops between. */
  static final int CHUNK = 3;

  private RekeyFixture fixture() {
    return new RekeyFixture(database());
  }

  static RekeyMigration migration(IdStore store, Instant now) {
    return new RekeyMigration(
        store.database(),
        RekeyFixture.spec(),
        Clock.fixed(now, ZoneOffset.UTC),
        TTL,
        CHUNK,
        new Random(now.toEpochMilli()));
  }

  /**
   * Drops the spec tables and the migration's own but keeps idminter's schema, emptied: building it
   * again for each of the crash test's runs would be most of their time.
   */
  @Override
  protected void reset() {
    fixture().create();
  }

  @Override
  protected void seed() {
    fixture().seed();
  }

  @Override
  protected void dryRun(IdStore store) {
    RekeyPlan plan = migration(store, T0).plan();
    assertThat(plan.refusedCount()).isZero();
    assertThat(plan.alreadyRegistered()).isEqualTo(1);
  }

  @Override
  protected String apply(IdStore store, Instant now) {
    return migration(store, now)
        .apply(RekeyResults.Options.DEFAULT, ProgressListener.NONE)
        .outcome();
  }

  @Override
  protected List<String> doneOutcomes() {
    return List.of("applied", "already applied");
  }

  @Override
  protected String snapshot() {
    return fixture().snapshot();
  }

  @Override
  protected void assertConserved(IdStore store) {
    RekeyResults.Verified v = migration(store, T0).verify();
    assertThat(v.problems()).isEmpty();
    assertThat(v.passed()).isTrue();
    assertThat(v.counts().conserved()).as("%s", v.counts()).isTrue();
    assertThat(v.verifiedPerTable())
        .containsEntry("entity_head", 6L)
        .containsEntry("entity_revisions", 12L)
        .containsEntry("entity_revision_meta", 12L)
        .containsEntry("entity_delete_audit", 1L);
    RekeyFixture f = fixture();
    // One mapping per entity; Q1 kept the internal ID it had.
    assertThat(f.count("SELECT COUNT(*) FROM entity_id_mapping")).isEqualTo(6);
    assertThat(f.column("SELECT internal_id FROM entity_head WHERE entity_id = 'Q1'"))
        .containsExactly("3000000000000000001");
  }
}
