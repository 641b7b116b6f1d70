package org.idminter.core.id;

import org.idminter.core.InvalidInputException;

/**
 * Crockford's base32 as ULIDs use it: digits and upper-case letters without I, L, O and U, decoded
 * case-insensitively. Any other character is refused (no silent aliases), naming it and its place.
 */
final class Crockford {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final int[] VALUES = new int[128];

  static {
    java.util.Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = i;
      VALUES[Character.toLowerCase(ALPHABET.charAt(i))] = i;
    }
  }

  private Crockford() {}

  /** The value of character {@code i} of {@code text}, or a clear error naming the scheme. */
  static int value(String scheme, String text, int i) {
    char c = text.charAt(i);
    int v = c < 128 ? VALUES[c] : -1;
    if (v < 0) {
      throw new InvalidInputException(
          "bad "
              + scheme
              + " '"
              + text
              + "': character "
              + (i + 1)
              + " ('"
              + c
              + "') is not in Crockford's base32 alphabet "
              + ALPHABET);
    }
    return v;
  }

  /** The value of {@code c}, or -1 when it is not in the alphabet. */
  static int valueOrMinus1(char c) {
    return c < 128 ? VALUES[c] : -1;
  }

  static char digit(int value) {
    return ALPHABET.charAt(value);
  }
}
