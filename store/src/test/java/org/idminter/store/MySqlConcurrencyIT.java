package org.idminter.store;

import org.idminter.store.testing.ConcurrencyContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlConcurrencyIT extends ConcurrencyContract {
  private static final TestDatabase DB = TestDatabases.mySql("concurrency");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
