package org.idminter.store;

import org.idminter.store.testing.RegistryContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbRegistryIT extends RegistryContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("registry");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
