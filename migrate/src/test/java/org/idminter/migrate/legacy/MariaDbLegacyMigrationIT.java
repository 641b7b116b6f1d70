package org.idminter.migrate.legacy;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbLegacyMigrationIT extends LegacyMigrationContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("legacy");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
