package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlRekeyMigrationIT extends RekeyMigrationContract {
  private static final TestDatabase DB = TestDatabases.mySql("rekeyapply");

  /**
   * Every 10th statement in the suite (its schema changes are slow here);
   * bench/crash-every-statement: every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(10);
  }

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
