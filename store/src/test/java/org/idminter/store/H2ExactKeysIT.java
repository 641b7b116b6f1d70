package org.idminter.store;

import org.idminter.store.testing.ExactKeysContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class H2ExactKeysIT extends ExactKeysContract {
  private static final TestDatabase DB = TestDatabases.h2();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
