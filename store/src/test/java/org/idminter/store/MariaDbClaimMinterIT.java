package org.idminter.store;

import org.idminter.store.testing.ClaimMinterContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/** The minting contract with IDs inserted at mint time (IDMINTER_ID_SOURCE=claim). */
class MariaDbClaimMinterIT extends ClaimMinterContract {
  private static final TestDatabase DB = TestDatabases.mariaDb("claim");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
