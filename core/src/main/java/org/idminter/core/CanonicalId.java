package org.idminter.core;

/**
 * A canonical ID: 8 characters, the first from 23 letters (no i, l, o), the other seven from those
 * letters plus the digits 2 to 9. Opaque and permanent.
 */
public record CanonicalId(String value) implements Comparable<CanonicalId> {
  public static final String FIRST_ALPHABET = "abcdefghjkmnpqrstuvwxyz";
  public static final String ALPHABET = FIRST_ALPHABET + "23456789";
  public static final int LENGTH = 8;

  public CanonicalId {
    if (!isValid(value)) {
      throw new InvalidInputException(
          "bad canonical ID "
              + Text.quote(value)
              + ": expected 8 characters matching ^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$");
    }
  }

  /** Parses a canonical ID, throwing {@link InvalidInputException} naming the value if invalid. */
  public static CanonicalId parse(String text) {
    return new CanonicalId(text);
  }

  /**
   * Whether {@code text} matches {@code ^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$}. Checked character by
   * character: every ID read from the database is checked, and a regex was a visible share of a
   * mint call's own CPU time.
   */
  public static boolean isValid(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char ch = text.charAt(i);
      boolean letter = ch >= 'a' && ch <= 'z' && ch != 'i' && ch != 'l' && ch != 'o';
      if (!letter && (i == 0 || ch < '2' || ch > '9')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(CanonicalId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
