package org.idminter.store.dialect;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to drop an embedded-database connection whose serving process has
 * exited ("Database is already closed", "Connection is broken"). The pool does not know these H2
 * codes; without this it would hand the dead connection out again for every retry, and the retry
 * would fail the same way instead of reconnecting to the process that serves the file now.
 */
public final class H2ConnectionLoss implements SQLExceptionOverride {
  @java.lang.Override
  public SQLExceptionOverride.Override adjudicate(SQLException e) {
    return H2Dialect.connectionLost(e)
        ? SQLExceptionOverride.Override.MUST_EVICT
        : SQLExceptionOverride.Override.CONTINUE_EVICT;
  }
}
