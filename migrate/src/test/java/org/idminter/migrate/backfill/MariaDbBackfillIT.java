package org.idminter.migrate.backfill;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbBackfillIT extends BackfillContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("backfill");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
