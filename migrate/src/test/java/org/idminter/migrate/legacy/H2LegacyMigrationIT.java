package org.idminter.migrate.legacy;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class H2LegacyMigrationIT extends LegacyMigrationContract {
  private static final TestDatabase DB = TestDatabases.h2();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
