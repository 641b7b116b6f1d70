package org.idminter.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.Sleeper;
import org.idminter.store.jdbc.Database;
import org.idminter.store.jdbc.RetryPolicy;

/**
 * A database idminter changes without keeping its identifiers in it: the target of a backfill (any
 * supported database, SQLite included). Unlike {@link IdStore} it neither inspects nor migrates
 * idminter's schema; it only opens the connections, with the same retries.
 */
public final class TargetDatabase implements AutoCloseable {
  private final StoreConfig config;
  private final HikariDataSource dataSource;
  private final Database db;

  private TargetDatabase(
      StoreConfig config, RandomGenerator jitter, UnaryOperator<Connection> decorator) {
    this.config = config;
    config
        .dialect()
        .missing(config.jdbcUrl())
        .ifPresent(
            why -> {
              throw new IdMinterException(ErrorCode.NOT_FOUND, why);
            });
    this.dataSource = Pools.connect(config, config.dialect());
    this.db =
        new Database(
            dataSource, config.dialect(), RetryPolicy.DEFAULT, Sleeper.REAL, jitter, decorator);
  }

  /** Opens {@code config}'s database; {@code jitter} spaces retries (any random source). */
  public static TargetDatabase open(StoreConfig config, RandomGenerator jitter) {
    return open(config, jitter, UnaryOperator.identity());
  }

  /** As {@link #open(StoreConfig, RandomGenerator)}, every connection passing through decorator. */
  public static TargetDatabase open(
      StoreConfig config, RandomGenerator jitter, UnaryOperator<Connection> decorator) {
    return new TargetDatabase(
        Objects.requireNonNull(config), Objects.requireNonNull(jitter), decorator);
  }

  public Database database() {
    return db;
  }

  /** The JDBC URL as given (for a SQLite file, where its backup goes). */
  public String jdbcUrl() {
    return config.jdbcUrl();
  }

  /** Where this database is, for messages: dialect and URL without credentials. */
  public String describe() {
    return db.dialect().name() + " at " + config.redactedUrl();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
