package org.idminter.store;

import org.idminter.store.testing.ClaimMinterContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/**
 * The minting contract on a real MySQL 8 server through MySQL Connector/J (the Aurora MySQL path),
 * with IDs inserted at mint time, the default. The pool's own contract runs on MariaDB, whose
 * dialect SQL MySQL shares; here pool mints run beside claiming ones in {@code
 * claimingAndPoolMintersSharingOneDatabaseAllGetTheSameAnswer}, and {@code ClaimLockPlansIT} and
 * {@code FreeIdWalkPlansIT} check the pool's plans on MySQL.
 */
class MySqlClaimMinterIT extends ClaimMinterContract {
  private static final TestDatabase DB = TestDatabases.mySql("claim");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
