package org.idminter.store;

import org.idminter.store.testing.HostileInputContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbHostileInputIT extends HostileInputContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("hostile");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
