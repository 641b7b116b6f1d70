package org.idminter.migrate.backfill;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class H2BackfillIT extends BackfillDuringApplyContract {
  private static final TestDatabase DB = TestDatabases.h2();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
