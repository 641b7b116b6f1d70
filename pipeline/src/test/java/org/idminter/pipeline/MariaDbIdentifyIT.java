package org.idminter.pipeline;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class MariaDbIdentifyIT extends IdentifyContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("identify");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
