package org.idminter.core;

import java.util.regex.Pattern;

/**
 * A canonical ID: 8 characters, the first from 23 letters (no i, l, o), the other seven from those
 * letters plus the digits 2 to 9. Opaque and permanent.
 */
public record CanonicalId(String value) implements Comparable<CanonicalId> {
  public static final String FIRST_ALPHABET = "abcdefghjkmnpqrstuvwxyz";
  public static final String ALPHABET = FIRST_ALPHABET + "23456789";
  public static final int LENGTH = 8;
  private static final Pattern FORMAT = Pattern.compile("^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$");

  public CanonicalId {
    if (value == null || !FORMAT.matcher(value).matches()) {
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

  public static boolean isValid(String text) {
    return text != null && FORMAT.matcher(text).matches();
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
