package org.idminter.store;

import org.idminter.store.testing.ExactKeysContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbExactKeysIT extends ExactKeysContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("exact", "latin1");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
