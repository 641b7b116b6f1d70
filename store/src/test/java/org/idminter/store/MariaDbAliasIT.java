package org.idminter.store;

import org.idminter.store.testing.AliasContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbAliasIT extends AliasContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("alias");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
