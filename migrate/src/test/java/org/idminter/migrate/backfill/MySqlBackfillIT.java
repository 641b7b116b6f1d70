package org.idminter.migrate.backfill;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlBackfillIT extends BackfillContract {
  private static final TestDatabase DB = TestDatabases.mySql("backfill");

  @Override
  protected TestDatabase database() {
    return DB;
  }

  /**
   * Every 10th statement in the suite (its schema changes are slow here);
   * bench/crash-every-statement: every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(10);
  }
}
