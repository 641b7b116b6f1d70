package org.idminter.store;

import org.idminter.store.testing.MergeContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MySqlMergeIT extends MergeContract {
  private static final TestDatabase DB = TestDatabases.mySql("merge");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
