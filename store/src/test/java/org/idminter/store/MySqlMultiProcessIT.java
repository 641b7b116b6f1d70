package org.idminter.store;

import org.idminter.store.testing.MultiProcessContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlMultiProcessIT extends MultiProcessContract {
  private static final TestDatabase DB = TestDatabases.mySql("processes");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
