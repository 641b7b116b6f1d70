package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbRekeyPlanIT extends RekeyPlanContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("rekey");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
