package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresRekeyPlanIT extends RekeyPlanContract {
  private static final TestDatabase DB = TestDatabases.postgres("rekey");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
