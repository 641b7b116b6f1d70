package org.idminter.store;

import org.idminter.store.testing.MultiProcessContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresMultiProcessIT extends MultiProcessContract {
  private static final TestDatabase DB = TestDatabases.postgres("processes");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
