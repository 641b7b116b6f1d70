package org.idminter.core.id;

import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Monotonic ULIDs, safe to share between threads. A new millisecond draws 80 random bits; within
 * one millisecond the random part is incremented; when it would overflow, the timestamp runs one
 * millisecond ahead instead of failing; when the clock steps backwards, the last timestamp is kept.
 * So no value is ever returned twice and no value is smaller than the one before, whatever the
 * clock does.
 */
public final class UlidGenerator {
  private static final long MAX_TIME = (1L << 48) - 1;
  private static final long RANDOM_HIGH_MASK = 0xFFFFL; // the top 16 of the 80 random bits

  private final InstantSource clock;
  private final RandomGenerator random;

  /**
   * A non-fair lock rather than {@code synchronized}: with four threads on two cores the ULID
   * generator went from 7.3 to 20.9 million IDs/s, flake64 from 7.1 to 19.0 million (a thread that
   * holds the lock may take it again for its next call instead of handing it over); see
   * docs/benchmarks.md. The clock is read before the lock: a thread that read an earlier time than
   * the last one issued counts on from the last one, so order is kept.
   */
  private final ReentrantLock lock = new ReentrantLock();

  private long lastTime = -1;
  private long randomHigh; // 16 bits
  private long randomLow; // 64 bits

  public UlidGenerator(InstantSource clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  public Ulid next() {
    long now = clock.millis();
    lock.lock();
    try {
      if (now > lastTime) {
        lastTime = now;
        randomHigh = random.nextLong() & RANDOM_HIGH_MASK;
        randomLow = random.nextLong();
      } else if (++randomLow == 0 && (randomHigh = (randomHigh + 1) & RANDOM_HIGH_MASK) == 0) {
        // All 80 random bits overflowed: run one millisecond ahead, starting afresh.
        lastTime++;
        randomHigh = random.nextLong() & RANDOM_HIGH_MASK;
        randomLow = random.nextLong();
      }
      if (lastTime > MAX_TIME) {
        throw new IllegalStateException("the clock is past the last ULID time (year 10889)");
      }
      return new Ulid((lastTime << 16) | randomHigh, randomLow);
    } finally {
      lock.unlock();
    }
  }

  /** How far the last timestamp has run ahead of the clock, in milliseconds (0 when it has not). */
  public long runAheadMillis() {
    long now = clock.millis();
    lock.lock();
    try {
      return Math.max(0, lastTime - now);
    } finally {
      lock.unlock();
    }
  }
}
