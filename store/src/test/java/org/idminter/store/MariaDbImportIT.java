package org.idminter.store;

import org.idminter.store.testing.ImportContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbImportIT extends ImportContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("import");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
