package org.idminter.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.idminter.core.Secrets;
import org.idminter.core.StoreException;
import org.idminter.store.dialect.Dialect;

/** The connection pool every way into a database opens, set up as its dialect needs. */
final class Pools {
  private Pools() {}

  static HikariDataSource connect(StoreConfig config, Dialect dialect) {
    return connect(config, dialect, false);
  }

  /**
   * @param replica a read replica's pool: named so in the pool metrics, read-only connections
   */
  static HikariDataSource connect(StoreConfig config, Dialect dialect, boolean replica) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(replica ? "idminter-replica" : "idminter");
    hc.setReadOnly(replica);
    hc.setJdbcUrl(config.jdbcUrl());
    config.user().ifPresent(hc::setUsername);
    config.password().ifPresent(hc::setPassword);
    hc.setMaximumPoolSize(dialect.connectionLimit(config.maxConnections()));
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(10_000);
    if (!dialect.openRetryWindow().isZero()) {
      hc.setInitializationFailTimeout(dialect.openRetryWindow().toMillis());
    }
    hc.setTransactionIsolation(dialect.isolation());
    dialect.driverProperties().forEach(hc::addDataSourceProperty);
    dialect.connectionInitSql().ifPresent(hc::setConnectionInitSql);
    dialect.connectionLossOverride().ifPresent(c -> hc.setExceptionOverrideClassName(c.getName()));
    try {
      return new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw cannotConnect(config, dialect, e);
    }
  }

  static StoreException cannotConnect(StoreConfig config, Dialect dialect, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new StoreException(
        "cannot connect to "
            + dialect.name()
            + " at "
            + config.redactedUrl()
            + config.user().map(u -> " as " + u).orElse("")
            + ": "
            + Secrets.redact(root.getMessage() == null ? root.toString() : root.getMessage())
            + "; check the URL, that the server is running, and the credentials",
        e);
  }
}
