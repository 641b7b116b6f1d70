package org.idminter.migrate.legacy;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresLegacyMigrationIT extends LegacyMigrationContract {
  private static final TestDatabase DB = TestDatabases.postgres("legacy");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
