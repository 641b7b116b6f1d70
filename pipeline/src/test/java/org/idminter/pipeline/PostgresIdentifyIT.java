package org.idminter.pipeline;

import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

class PostgresIdentifyIT extends IdentifyContract {
  private static final TestDatabase DB = TestDatabases.postgres("identify");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
