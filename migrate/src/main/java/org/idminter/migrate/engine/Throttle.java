package org.idminter.migrate.engine;

import java.time.Duration;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.Sleeper;
import org.idminter.store.jdbc.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses bulk work while the database server is busier than a threshold, as online schema change
 * tools do: before each chunk, the server's load (MySQL/MariaDB {@code Threads_running},
 * PostgreSQL's active backends) is read, and while it is above the limit the migration waits,
 * renewing its lease so no other migrator takes over, and says so on stderr.
 */
public final class Throttle {
  private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

  /** No limit: never reads the load, never waits. */
  public static final Throttle NONE = new Throttle(null, Long.MAX_VALUE, d -> {}, Duration.ZERO);

  private final Database db;
  private final long max;
  private final Sleeper sleeper;
  private final Duration interval;

  private Throttle(Database db, long max, Sleeper sleeper, Duration interval) {
    this.db = db;
    this.max = max;
    this.sleeper = sleeper;
    this.interval = interval;
  }

  /**
   * A throttle at {@code max}, or {@link #NONE}; refused, naming the database, where it has no load
   * measure.
   */
  public static Throttle of(Optional<Long> max, Database db, Sleeper sleeper, Duration interval) {
    if (max.isEmpty()) {
      return NONE;
    }
    if (max.get() < 1) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT, "bad --max-load " + max.get() + ": must be at least 1");
    }
    if (db.dialect().loadMeasure().isEmpty()) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT,
          "--max-load needs a server database (MySQL, MariaDB or PostgreSQL); "
              + db.dialect().name()
              + " has no load to measure; nothing was changed");
    }
    return new Throttle(db, max.get(), sleeper, interval);
  }

  /**
   * Returns at once while the load is at most the limit; otherwise waits, running {@code heartbeat}
   * at every check, until it is. Returns how long it waited, in milliseconds.
   */
  public long await(Runnable heartbeat) {
    if (db == null) {
      return 0;
    }
    long waited = 0;
    for (long load = load(); load > max; load = load()) {
      if (waited == 0) {
        LOG.warn(
            "copy paused: {} is {}, above --max-load {}; waiting for the server to calm down",
            db.dialect().loadMeasure().orElseThrow(),
            load,
            max);
      }
      heartbeat.run();
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IdMinterException("interrupted while waiting for the server's load to fall", e);
      }
      waited += interval.toMillis();
    }
    if (waited > 0) {
      LOG.warn("copy resumed after {} ms", waited);
    }
    return waited;
  }

  private long load() {
    return db.read("reading the server's load", c -> db.dialect().serverLoad(c));
  }
}
