package org.idminter.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class PostgresBackfillIT extends BackfillDuringApplyContract {
  private static final TestDatabase DB = TestDatabases.postgres("backfill");

  @Override
  protected TestDatabase database() {
    return DB;
  }

  /**
   * Every 24th statement in the suite, from a random offset (a stop costs a second or more on a
   * server: the suite keeps to its time); bench/crash-every-statement stops at every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(24);
  }

  @Test
  void aTableKeyedByUuidsIsPagedAndFilledInItsOwnType() {
    database()
        .execute(
            "CREATE TABLE jobs (id UUID PRIMARY KEY, created_at TIMESTAMP NOT NULL)",
            "INSERT INTO jobs SELECT md5(x::text)::uuid, TIMESTAMP '2024-05-01 00:00:00' + x *"
                + " INTERVAL '1 millisecond' FROM generate_series(1, 60) x");
    BackfillSpec spec =
        new BackfillSpec(
            "jobs", "ulid", BackfillSpec.Scheme.ULID, java.util.Optional.of("created_at"));
    assertThat(migration(open(), spec, T0).plan().toFill()).isEqualTo(60);
    migration(open(), spec, T0)
        .apply(java.util.Optional.empty(), org.idminter.core.ProgressListener.NONE);
    BackfillResults.Verified v = migration(open(), spec, T0).verify();
    assertThat(v.problems()).isEmpty();
    assertThat(v.rowsNow()).isEqualTo(60);
    assertThat(new BackfillFixture(database()).rows("SELECT id FROM jobs ORDER BY ulid"))
        .isEqualTo(new BackfillFixture(database()).rows("SELECT id FROM jobs ORDER BY created_at"));
  }
}
