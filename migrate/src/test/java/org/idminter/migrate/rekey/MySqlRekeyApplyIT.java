package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlRekeyApplyIT extends RekeyApplyContract {
  private static final TestDatabase DB = TestDatabases.mySql("rekeyrun");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
