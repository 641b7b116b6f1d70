package org.idminter.core.id;

import java.util.SplittableRandom;

/**
 * Assigns ULIDs to rows taken in order of their creation time, reproducibly: a row whose time is
 * later than the last one issued starts that millisecond afresh, its 80 random bits drawn from a
 * generator seeded by the run's secret and the millisecond; every other row gets the last value's
 * random part plus one, in the last value's millisecond (running one millisecond ahead if all 80
 * bits overflow). So values strictly increase and never repeat within a run, sort like the rows,
 * and the same secret and rows give the same values, so a migration resumed from its last value
 * continues exactly. (The random part is as unpredictable as the secret is kept.)
 */
public final class UlidSequence {
  private static final long MAX_TIME = (1L << 48) - 1;
  private static final long RANDOM_HIGH_MASK = 0xFFFFL;

  private final long secret;
  private long time = -1;
  private long randomHigh;
  private long randomLow;

  /** A sequence that starts afresh. */
  public UlidSequence(long secret) {
    this.secret = secret;
  }

  /** A sequence that continues after {@code last} (the last value a previous run issued). */
  public static UlidSequence after(Ulid last, long secret) {
    UlidSequence s = new UlidSequence(secret);
    s.time = last.timestamp();
    s.randomHigh = last.high() & RANDOM_HIGH_MASK;
    s.randomLow = last.low();
    return s;
  }

  /** The next value for a row created at {@code millis} (Unix milliseconds). */
  public Ulid next(long millis) {
    if (millis < 0 || millis > MAX_TIME) {
      throw new IllegalArgumentException("a ULID time outside 1970 to 10889: " + millis + " ms");
    }
    if (millis > time) {
      fresh(millis);
    } else if (++randomLow == 0 && (randomHigh = (randomHigh + 1) & RANDOM_HIGH_MASK) == 0) {
      fresh(time + 1);
    }
    if (time > MAX_TIME) {
      throw new IllegalStateException("the ULID sequence ran past the last ULID time (year 10889)");
    }
    return new Ulid((time << 16) | randomHigh, randomLow);
  }

  private void fresh(long millis) {
    time = millis;
    SplittableRandom r = new SplittableRandom(secret ^ (millis * 0x9E3779B97F4A7C15L));
    randomHigh = r.nextLong() & RANDOM_HIGH_MASK;
    randomLow = r.nextLong();
  }
}
