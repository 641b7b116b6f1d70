package org.idminter.cli;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/** The HTTP API on MariaDb. */
class MariaDbServeIT extends ServeContract {
  @Override
  TestDatabase database() {
    return TestDatabases.mariaDb("serve");
  }
}
