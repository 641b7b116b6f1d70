package org.idminter.core.id;

import java.time.InstantSource;
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
  private long lastTime = -1;
  private long randomHigh; // 16 bits
  private long randomLow; // 64 bits

  public UlidGenerator(InstantSource clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  public synchronized Ulid next() {
    long now = clock.millis();
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
  }

  /** How far the last timestamp has run ahead of the clock, in milliseconds (0 when it has not). */
  public synchronized long runAheadMillis() {
    return Math.max(0, lastTime - clock.millis());
  }
}
