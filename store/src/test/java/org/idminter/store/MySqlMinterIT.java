package org.idminter.store;

import org.idminter.store.testing.MinterContract;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/** The contract on a real MySQL 8 server, through MySQL Connector/J (the Aurora MySQL path). */
class MySqlMinterIT extends MinterContract {
  private static final TestDatabase DB = TestDatabases.mySql("contract");

  @Override
  protected TestDatabase database() {
    return DB;
  }
}
