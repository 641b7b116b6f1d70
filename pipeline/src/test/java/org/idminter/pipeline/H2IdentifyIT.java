package org.idminter.pipeline;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class H2IdentifyIT extends IdentifyContract {
  private static final TestDatabase DB = TestDatabases.h2();

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
