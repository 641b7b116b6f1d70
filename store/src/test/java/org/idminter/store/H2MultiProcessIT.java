package org.idminter.store;

import org.idminter.store.testing.MultiProcessContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/**
 * The embedded default's file database, shared by separate processes through H2's auto-server mode.
 */
class H2MultiProcessIT extends MultiProcessContract {
  private static final TestDatabase DB = TestDatabases.h2File();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
