package org.idminter.migrate.backfill;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbBackfillIT extends BackfillDuringApplyContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("backfill");

  @Override
  protected TestDatabase database() {
    return DB;
  }

  /**
   * Every 6th statement in the suite, from a random offset (a stop costs a second or more on a
   * server: the suite keeps to its time); bench/crash-every-statement stops at every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(6);
  }
}
