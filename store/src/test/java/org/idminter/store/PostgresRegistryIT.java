package org.idminter.store;

import org.idminter.store.testing.RegistryContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresRegistryIT extends RegistryContract {
  private static final TestDatabase DB = TestDatabases.postgres("registry");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
