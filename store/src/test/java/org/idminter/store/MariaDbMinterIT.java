package org.idminter.store;

import org.idminter.store.testing.MinterContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbMinterIT extends MinterContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("contract");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
