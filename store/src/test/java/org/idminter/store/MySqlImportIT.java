package org.idminter.store;

import org.idminter.store.testing.ImportContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlImportIT extends ImportContract {
  private static final TestDatabase DB = TestDatabases.mySql("import");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
