package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlRekeyPlanIT extends RekeyPlanContract {
  private static final TestDatabase DB = TestDatabases.mySql("rekey");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
