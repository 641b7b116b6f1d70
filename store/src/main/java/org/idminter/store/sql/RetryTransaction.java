package org.idminter.store.sql;

import java.sql.SQLException;

/**
 * Thrown inside a transaction when a concurrent writer changed what the transaction based its
 * decisions on; the transaction is rolled back and run again, within the retry bound.
 */
public final class RetryTransaction extends SQLException {
  private static final long serialVersionUID = 1L;

  public RetryTransaction(String reason) {
    super(reason, "40001");
  }
}
