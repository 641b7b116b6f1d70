package org.idminter.store;

import org.idminter.store.testing.MultiProcessContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbMultiProcessIT extends MultiProcessContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("processes");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
