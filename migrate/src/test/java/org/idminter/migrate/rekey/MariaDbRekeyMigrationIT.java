package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbRekeyMigrationIT extends RekeyMigrationContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("rekeyapply");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
