package org.idminter.store;

import org.idminter.store.testing.AliasContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresAliasIT extends AliasContract {
  private static final TestDatabase DB = TestDatabases.postgres("alias");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
