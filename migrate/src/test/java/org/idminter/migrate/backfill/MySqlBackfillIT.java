package org.idminter.migrate.backfill;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlBackfillIT extends BackfillDuringApplyContract {
  private static final TestDatabase DB = TestDatabases.mySql("backfill");

  @Override
  protected TestDatabase database() {
    return DB;
  }

  /**
   * Every 30th statement in the suite, from a random offset (a stop costs a second or more on a
   * server: the suite keeps to its time); bench/crash-every-statement stops at every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(30);
  }
}
