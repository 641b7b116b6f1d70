package org.idminter.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import javax.sql.DataSource;
import org.idminter.core.IdMinterException;
import org.idminter.core.Secrets;
import org.idminter.core.Sleeper;
import org.idminter.core.StoreException;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.sql.RetryTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way to a connection: work runs in a callback, inside a transaction or in auto-commit
 * mode. Transient failures (deadlocks, lock timeouts, serialization failures, lost connections) run
 * the whole callback again, a bounded number of times with jittered backoff; anything else rolls
 * back and surfaces as a {@link StoreException} naming what failed.
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final RandomGenerator jitter;
  private final UnaryOperator<Connection> decorator;

  public Database(
      DataSource dataSource,
      Dialect dialect,
      RetryPolicy retry,
      Sleeper sleeper,
      RandomGenerator jitter,
      UnaryOperator<Connection> decorator) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.dialect = Objects.requireNonNull(dialect);
    this.retry = Objects.requireNonNull(retry);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.jitter = Objects.requireNonNull(jitter);
    this.decorator = Objects.requireNonNull(decorator);
  }

  public Dialect dialect() {
    return dialect;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs work in one transaction (READ COMMITTED), retried as a whole on transient failures. */
  public <T> T inTransaction(String action, SqlWork<T> work) {
    return withRetry(action, true, work);
  }

  /** Runs read-only work in auto-commit mode, retried on transient failures. */
  public <T> T read(String action, SqlWork<T> work) {
    return withRetry(action, false, work);
  }

  /**
   * Runs work on one connection in auto-commit mode, once, without retrying: for session state that
   * must outlive a transaction, such as a lock held while other connections do the work.
   */
  public <T> T session(String action, SqlWork<T> work) {
    try {
      return attempt(false, work);
    } catch (SQLException e) {
      throw new StoreException(action + " failed: " + describe(e), e);
    }
  }

  /** Refreshes the planner statistics of {@code tables} (see {@link Dialect#refreshStatistics}). */
  public void refreshStatistics(List<String> tables) {
    withRetry(
        "refreshing the statistics of " + String.join(" and ", tables),
        false,
        c -> {
          dialect.refreshStatistics(c, tables);
          return null;
        });
  }

  private <T> T withRetry(String action, boolean transactional, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(transactional, work);
      } catch (SQLException e) {
        if (attempt < retry.maxAttempts() && isTransient(e)) {
          LOG.debug(
              "{}: transient failure on attempt {} ({}), running it again",
              action,
              attempt,
              e.getMessage());
          backoff(action, attempt, e);
          continue;
        }
        String tries = attempt > 1 ? " after " + attempt + " attempts" : "";
        throw new StoreException(action + " failed" + tries + ": " + describe(e), e);
      }
    }
  }

  private <T> T attempt(boolean transactional, SqlWork<T> work) throws SQLException {
    try (Connection raw = dataSource.getConnection()) {
      Connection c = decorator.apply(raw);
      if (!transactional) {
        return work.run(c);
      }
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        // A connection the pool closed because it died (the embedded database's serving process
        // exited) must not hide the failure that killed it behind "Connection is closed".
        if (!raw.isClosed()) {
          c.setAutoCommit(true);
        }
      }
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // The original failure is what the user must see; the rollback failure travels with it.
      cause.addSuppressed(e);
    }
  }

  private boolean isTransient(SQLException e) {
    if (e instanceof RetryTransaction || dialect.isTransient(e)) {
      return true;
    }
    String state = e.getSQLState();
    return state != null
        && state.startsWith("08"); // connection lost: every unit of work here is idempotent
  }

  private void backoff(String action, int attempt, SQLException cause) {
    long cap =
        Math.min(
            retry.maxDelay().toMillis(), retry.baseDelay().toMillis() << Math.min(attempt, 20));
    try {
      sleeper.sleep(Duration.ofMillis(jitter.nextLong(cap + 1)));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IdMinterException(
          action + " interrupted while waiting to retry: " + describe(cause), ie);
    }
  }

  /** SQLState, vendor code and message of a failure, with credentials removed. */
  public String describe(SQLException e) {
    StringBuilder sb = new StringBuilder();
    sb.append(dialect.name()).append(" error");
    if (e.getSQLState() != null) {
      sb.append(" [SQLState ")
          .append(e.getSQLState())
          .append(", code ")
          .append(e.getErrorCode())
          .append(']');
    }
    sb.append(": ").append(e.getMessage());
    return Secrets.redact(sb.toString());
  }
}
