package org.idminter.store.dialect;

import org.idminter.core.InvalidInputException;

final class Dialects {
  private Dialects() {}

  static Dialect forUrl(String jdbcUrl) {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new InvalidInputException(
          "no database URL given: pass --db JDBC_URL or set IDMINTER_DB_URL");
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
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return new SqliteDialect();
    }
    // Only the scheme is shown: unknown URL syntaxes may carry credentials we cannot recognise.
    String scheme =
        jdbcUrl.matches("^jdbc:[A-Za-z0-9]+:.*")
            ? jdbcUrl.substring(0, jdbcUrl.indexOf(':', 5) + 1)
            : "(not a jdbc: URL)";
    throw new InvalidInputException(
        "unsupported database URL "
            + scheme
            + "…: use jdbc:mysql:, jdbc:mariadb:,"
            + " jdbc:postgresql: or jdbc:h2: (and jdbc:sqlite: for a backfill)");
  }
}
