package org.idminter.store;

import org.idminter.store.testing.MergeContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class H2MergeIT extends MergeContract {
  private static final TestDatabase DB = TestDatabases.h2();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
