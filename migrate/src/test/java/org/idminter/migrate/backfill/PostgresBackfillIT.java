package org.idminter.migrate.backfill;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresBackfillIT extends BackfillContract {
  private static final TestDatabase DB = TestDatabases.postgres("backfill");

  @Override
  protected TestDatabase database() {
    return DB;
  }

  /**
   * Every 8th statement in the suite (its schema changes are slow here);
   * bench/crash-every-statement: every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(8);
  }
}
