package org.idminter.store;

import org.idminter.store.testing.HostileInputContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresHostileInputIT extends HostileInputContract {
  private static final TestDatabase DB = TestDatabases.postgres("hostile");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
