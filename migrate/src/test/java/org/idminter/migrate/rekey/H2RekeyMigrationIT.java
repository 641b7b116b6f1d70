package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class H2RekeyMigrationIT extends RekeyMigrationContract {
  private static final TestDatabase DB = TestDatabases.h2();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
