package org.idminter.migrate.legacy;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlLegacyMigrationIT extends LegacyMigrationContract {
  private static final TestDatabase DB = TestDatabases.mySql("legacy");

  @Override
  protected TestDatabase database() {
    return DB;
  }

  /**
   * Every 4th statement in the suite (its stops were the suite's slowest: 100 s for all);
   * bench/crash-every-statement: every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(4);
  }
}
