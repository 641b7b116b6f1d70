package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbRekeyApplyIT extends RekeyApplyContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("rekeyrun");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
