package org.idminter.store.dialect;

import org.idminter.core.InvalidInputException;
import org.idminter.store.jdbc.Redactor;

final class Dialects {
  private Dialects() {}

  static Dialect forUrl(String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new InvalidInputException("no database URL given: pass --db JDBC_URL or set IDMINTER_DB_URL");
    }
    if (jdbcUrl.startsWith("jdbc:mysql:")) {
      return new MySqlDialect();
    }
    if (jdbcUrl.startsWith("jdbc:mariadb:")) {
      return new MariaDbDialect();
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return new H2Dialect();
    }
    throw new InvalidInputException("unsupported database URL '" + Redactor.redactUrl(jdbcUrl)
        + "': use jdbc:mysql:, jdbc:mariadb:, jdbc:postgresql: or jdbc:h2:");
  }
}
