package org.idminter.migrate.rekey;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresRekeyApplyIT extends RekeyApplyContract {
  private static final TestDatabase DB = TestDatabases.postgres("rekeyrun");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
