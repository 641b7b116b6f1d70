package org.idminter.store;

import org.idminter.store.testing.ExactKeysContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresExactKeysIT extends ExactKeysContract {
  private static final TestDatabase DB = TestDatabases.postgres("exact");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
