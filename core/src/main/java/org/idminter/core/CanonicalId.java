package org.idminter.core;

/**
 * A canonical ID. Today's format, the only one idminter mints: 8 characters, the first from 23
 * letters (no i, l, o), the other seven from those letters plus the digits 2 to 9. A database may
 * also hold IDs minted under older rules ({@code f0000000}, 7-character item IDs): any 1 to 8
 * lowercase ASCII letters and digits is read and returned as it is ({@link #isCurrent()} tells them
 * apart). Opaque and permanent.
 */
public record CanonicalId(String value) implements Comparable<CanonicalId> {
  public static final String FIRST_ALPHABET = "abcdefghjkmnpqrstuvwxyz";
  public static final String ALPHABET = FIRST_ALPHABET + "23456789";
  public static final int LENGTH = 8;

  /** Today's format as a regular expression (for messages and the databases' own checks). */
  public static final String FORMAT = "^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$";

  public CanonicalId {
    if (!isStored(value)) {
      throw new InvalidInputException(
          "bad canonical ID "
              + Text.quote(value)
              + ": expected 8 characters matching "
              + FORMAT
              + " (or, minted under older rules, 1 to 8 lowercase letters and digits)");
    }
  }

  /** Parses a canonical ID, throwing {@link InvalidInputException} naming the value if invalid. */
  public static CanonicalId parse(String text) {
    return new CanonicalId(text);
  }

  /**
   * A canonical ID in today's format only (what an import may write), throwing {@link
   * InvalidInputException} naming the value otherwise.
   */
  public static CanonicalId current(String text) {
    if (!isValid(text)) {
      throw new InvalidInputException(
          "bad canonical ID " + Text.quote(text) + ": expected 8 characters matching " + FORMAT);
    }
    return new CanonicalId(text);
  }

  /** Whether this ID is in today's format (false for IDs minted under older rules). */
  public boolean isCurrent() {
    return isValid(value);
  }

  /** Whether {@code text} is an ID a database may hold: 1 to 8 lowercase letters and digits. */
  public static boolean isStored(String text) {
    if (text == null || text.isEmpty() || text.length() > LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (!(ch >= 'a' && ch <= 'z') && !(ch >= '0' && ch <= '9')) {
        return false;
      }
    }
    return true;
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
