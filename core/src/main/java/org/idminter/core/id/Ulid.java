package org.idminter.core.id;

import java.time.Instant;
import org.idminter.core.InvalidInputException;

/**
 * A ULID: 128 bits, a 48-bit Unix-millisecond time then 80 random bits, written as 26 Crockford
 * base32 characters (upper case; read in either case). Ordered by time, then randomness.
 */
public record Ulid(long high, long low) implements Comparable<Ulid> {
  public static final int LENGTH = 26;

  /** The 48-bit Unix-millisecond time. */
  public long timestamp() {
    return high >>> 16;
  }

  public Instant instant() {
    return Instant.ofEpochMilli(timestamp());
  }

  /**
   * Reads a ULID; refuses a wrong length, a character outside the alphabet, and values above {@code
   * 7ZZZZZZZZZZZZZZZZZZZZZZZZZ} (more than 128 bits).
   */
  public static Ulid parse(String text) {
    if (text == null || text.length() != LENGTH) {
      throw new InvalidInputException(
          "bad ULID '"
              + text
              + "': a ULID is "
              + LENGTH
              + " characters, this has "
              + (text == null ? 0 : text.length()));
    }
    if (Crockford.value("ULID", text, 0) > 7) {
      throw new InvalidInputException(
          "bad ULID '" + text + "': larger than 7ZZZZZZZZZZZZZZZZZZZZZZZZZ, the largest ULID");
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < LENGTH; i++) {
      int v = Crockford.value("ULID", text, i);
      // Shift the 128-bit value left by 5 and add v.
      high = (high << 5) | (low >>> 59);
      low = (low << 5) | v;
    }
    return new Ulid(high, low);
  }

  @Override
  public String toString() {
    char[] out = new char[LENGTH];
    long h = high;
    long l = low;
    for (int i = LENGTH - 1; i >= 0; i--) {
      out[i] = Crockford.digit((int) (l & 31));
      l = (l >>> 5) | (h << 59);
      h >>>= 5;
    }
    return new String(out);
  }

  @Override
  public int compareTo(Ulid o) {
    int c = Long.compareUnsigned(high, o.high);
    return c != 0 ? c : Long.compareUnsigned(low, o.low);
  }
}
