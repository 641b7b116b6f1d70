package org.idminter.migrate.legacy;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlLegacyMigrationIT extends LegacyMigrationContract {
  private static final TestDatabase DB = TestDatabases.mySql("legacy");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
