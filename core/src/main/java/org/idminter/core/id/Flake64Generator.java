package org.idminter.core.id;

import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * flake64 IDs from one generator, safe to share between threads: each millisecond starts the 21 low
 * bits at a random value and counts up from there (wrapping), so one generator gives up to
 * 2,097,152 distinct IDs per millisecond; past that, or when the clock steps backwards, it runs
 * ahead on its own timestamp instead of repeating one. IDs from independent generators may collide:
 * uniqueness is the registry's primary key, which regenerates on a duplicate.
 */
public final class Flake64Generator {
  private static final int PER_MILLI = 1 << Flake64.LOW_BITS;

  private final InstantSource clock;
  private final RandomGenerator random;
  private long lastTime = -1;
  private int start;
  private int issued;

  public Flake64Generator(InstantSource clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  public synchronized Flake64 next() {
    long now = clock.millis();
    if (now > lastTime) {
      startMillisecond(now);
    } else if (issued == PER_MILLI) {
      startMillisecond(lastTime + 1);
    }
    int low = (start + issued++) & (PER_MILLI - 1);
    return Flake64.of(lastTime, low);
  }

  private void startMillisecond(long millis) {
    lastTime = millis;
    start = random.nextInt(PER_MILLI);
    issued = 0;
  }

  /** How far the last timestamp has run ahead of the clock, in milliseconds (0 when it has not). */
  public synchronized long runAheadMillis() {
    return Math.max(0, lastTime - clock.millis());
  }
}
