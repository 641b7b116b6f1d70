package org.idminter.store;

import org.idminter.store.testing.ExactKeysContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlExactKeysIT extends ExactKeysContract {
  private static final TestDatabase DB = TestDatabases.mySql("exact");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
