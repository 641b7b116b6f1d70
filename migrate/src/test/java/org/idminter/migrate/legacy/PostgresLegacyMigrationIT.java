package org.idminter.migrate.legacy;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresLegacyMigrationIT extends LegacyMigrationContract {
  private static final TestDatabase DB = TestDatabases.postgres("legacy");

  @Override
  protected TestDatabase database() {
    return DB;
  }

  /**
   * Every 3rd statement in the suite (51 s for every one); bench/crash-every-statement: every one.
   */
  @Override
  protected int crashStride() {
    return strideProperty(3);
  }
}
