package org.idminter.core.id;

import java.time.Instant;
import org.idminter.core.InvalidInputException;

/**
 * The 64-bit time-sorted internal ID: bit 63 is 0 (a positive signed BIGINT), then a 42-bit
 * Unix-millisecond time, then 21 low bits. Written in decimal, or as 13 Crockford base32
 * characters. Times fit until 2109-05-15 (2^42 ms after 1970).
 */
public record Flake64(long value) implements Comparable<Flake64> {
  public static final int LOW_BITS = 21;
  public static final long MAX_TIME = (1L << 42) - 1;
  public static final int BASE32_LENGTH = 13;

  public Flake64 {
    if (value < 0) {
      throw new InvalidInputException(
          "bad flake64 " + value + ": bit 63 must be 0 (a positive BIGINT)");
    }
  }

  public static Flake64 of(long millis, int low) {
    if (millis < 0 || millis > MAX_TIME) {
      throw new InvalidInputException(
          "flake64 time " + millis + " ms is outside 1970-01-01 to 2109-05-15");
    }
    return new Flake64((millis << LOW_BITS) | (low & ((1 << LOW_BITS) - 1)));
  }

  public long timestamp() {
    return value >>> LOW_BITS;
  }

  public Instant instant() {
    return Instant.ofEpochMilli(timestamp());
  }

  /**
   * Reads a decimal flake64 or its 13-character base32 form. Thirteen digits alone are read as
   * decimal (the two forms cannot be told apart then; {@link #parseBase32} reads base32 only).
   */
  public static Flake64 parse(String text) {
    boolean digits =
        text != null && !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits && text != null && text.length() == BASE32_LENGTH) {
      return parseBase32(text);
    }
    if (!digits) {
      throw new InvalidInputException(
          "bad flake64 '" + text + "': expected a decimal number or 13 base32 characters");
    }
    try {
      return new Flake64(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("bad flake64 '" + text + "': larger than 2^63 - 1");
    }
  }

  /**
   * {@link #parse} without the error: null when {@code text} is no flake64 (for callers that try
   * several schemes on many values, where building an exception per miss would dominate).
   */
  public static Flake64 tryParse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    int n = text.length();
    boolean digits = true;
    for (int i = 0; i < n && digits; i++) {
      char c = text.charAt(i);
      digits = c >= '0' && c <= '9';
    }
    if (digits) {
      int first = 0;
      while (first < n - 1 && text.charAt(first) == '0') {
        first++; // leading zeros, as Long.parseLong reads them
      }
      int significant = n - first;
      if (significant > 19 || significant == 19 && aboveMax(text, first)) {
        return null;
      }
      return new Flake64(Long.parseLong(text, first, n, 10));
    }
    if (n != BASE32_LENGTH) {
      return null;
    }
    long v = 0;
    for (int i = 0; i < BASE32_LENGTH; i++) {
      int d = Crockford.valueOrMinus1(text.charAt(i));
      if (d < 0 || i == 0 && d > 7) {
        return null;
      }
      v = (v << 5) | d;
    }
    return new Flake64(v);
  }

  private static final String MAX_DECIMAL = Long.toString(Long.MAX_VALUE);

  /** True when the 19 digits of {@code text} from {@code first} exceed 2^63 - 1 (no copy made). */
  private static boolean aboveMax(String text, int first) {
    for (int i = 0; i < 19; i++) {
      int d = text.charAt(first + i) - MAX_DECIMAL.charAt(i);
      if (d != 0) {
        return d > 0;
      }
    }
    return false;
  }

  /** Reads the 13-character base32 form only. */
  public static Flake64 parseBase32(String text) {
    if (text == null || text.length() != BASE32_LENGTH) {
      throw new InvalidInputException(
          "bad flake64 '" + text + "': the base32 form is " + BASE32_LENGTH + " characters");
    }
    if (Crockford.value("flake64", text, 0) > 7) {
      throw new InvalidInputException("bad flake64 '" + text + "': larger than 2^63 - 1");
    }
    long v = 0;
    for (int i = 0; i < BASE32_LENGTH; i++) {
      v = (v << 5) | Crockford.value("flake64", text, i);
    }
    return new Flake64(v);
  }

  public String toBase32() {
    char[] out = new char[BASE32_LENGTH];
    long v = value;
    for (int i = BASE32_LENGTH - 1; i >= 0; i--) {
      out[i] = Crockford.digit((int) (v & 31));
      v >>>= 5;
    }
    return new String(out);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }

  @Override
  public int compareTo(Flake64 o) {
    return Long.compare(value, o.value);
  }
}
