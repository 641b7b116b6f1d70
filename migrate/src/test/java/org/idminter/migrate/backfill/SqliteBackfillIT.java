package org.idminter.migrate.backfill;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class SqliteBackfillIT extends BackfillContract {
  private static final TestDatabase DB = TestDatabases.sqlite();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
