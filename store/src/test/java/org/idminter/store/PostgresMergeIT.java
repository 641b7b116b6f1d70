package org.idminter.store;

import org.idminter.store.testing.MergeContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresMergeIT extends MergeContract {
  private static final TestDatabase DB = TestDatabases.postgres("merge");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
