package org.idminter.cli;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/** The HTTP API on Postgres. */
class PostgresServeIT extends ServeContract {
  @Override
  TestDatabase database() {
    return TestDatabases.postgres("serve");
  }
}
