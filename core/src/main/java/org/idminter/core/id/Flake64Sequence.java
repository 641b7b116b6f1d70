package org.idminter.core.id;

/**
 * Assigns flake64 values to entities taken in order (by creation time, then by their external ID's
 * number): each value's time part is the entity's own time where that is later than the last one
 * issued, else the last one's, with the low bits counting up from 0; when a millisecond's 2,097,152
 * values are used, the time runs one millisecond ahead. So the values strictly increase, sort like
 * the entities, and never repeat, whatever the count, and the same input gives the same values (no
 * randomness), so a migration resumed from its last value continues exactly.
 */
public final class Flake64Sequence {
  private static final int PER_MILLI = 1 << Flake64.LOW_BITS;

  private long time = -1;
  private int low = -1;

  /** A sequence that starts afresh. */
  public Flake64Sequence() {}

  /** A sequence that continues after {@code last} (the last value a previous run issued). */
  public static Flake64Sequence after(Flake64 last) {
    Flake64Sequence s = new Flake64Sequence();
    s.time = last.timestamp();
    s.low = (int) (last.value() & (PER_MILLI - 1));
    return s;
  }

  /** The next value for an entity created at {@code millis} (Unix milliseconds). */
  public Flake64 next(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("a creation time before 1970: " + millis + " ms");
    }
    if (millis > time) {
      time = millis;
      low = 0;
    } else if (++low == PER_MILLI) {
      time++;
      low = 0;
    }
    return Flake64.of(time, low);
  }
}
