package org.idminter.store;

import org.idminter.store.testing.ConcurrencyContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbConcurrencyIT extends ConcurrencyContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("concurrency");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
