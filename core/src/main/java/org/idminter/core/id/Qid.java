package org.idminter.core.id;

import java.util.Map;
import org.idminter.core.InvalidInputException;

/**
 * An external knowledge-base ID: a prefix naming the entity type and a positive decimal without
 * leading zeros ({@code Q42} item, {@code P31} property, {@code L7} lexeme by default).
 */
public record Qid(String prefix, long number, String entityType) {
  /** The knowledge base's own prefixes. */
  public static final Map<String, String> DEFAULT_TYPES =
      Map.of("Q", "item", "P", "property", "L", "lexeme");

  public static Qid parse(String text) {
    return parse(text, DEFAULT_TYPES);
  }

  /**
   * {@link #parse(String, Map)} without the error: null when {@code text} is no external ID (for
   * callers that try several schemes on many values).
   */
  public static Qid tryParse(String text, Map<String, String> types) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    int digits = 0;
    while (digits < n && !(text.charAt(digits) >= '0' && text.charAt(digits) <= '9')) {
      digits++;
    }
    int length = n - digits;
    if (digits == 0 || length < 1 || length > 18 || text.charAt(digits) == '0') {
      return null;
    }
    long number = 0;
    for (int i = digits; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      number = number * 10 + (c - '0');
    }
    String prefix = text.substring(0, digits);
    String type = types.get(prefix);
    return type == null ? null : new Qid(prefix, number, type);
  }

  /** Reads {@code text} with {@code types} mapping each prefix to its entity type. */
  public static Qid parse(String text, Map<String, String> types) {
    Qid fast = tryParse(text, types);
    if (fast != null) {
      return fast;
    }
    if (text == null || text.length() < 2) {
      throw new InvalidInputException(
          "bad external ID '" + text + "': expected a prefix and a number, e.g. Q42");
    }
    int digits = 0;
    while (digits < text.length() && !Character.isDigit(text.charAt(digits))) {
      digits++;
    }
    String prefix = text.substring(0, digits);
    String number = text.substring(digits);
    String type = types.get(prefix);
    if (type == null) {
      throw new InvalidInputException(
          "bad external ID '"
              + text
              + "': the prefix '"
              + prefix
              + "' is none of "
              + types.keySet());
    }
    if (number.isEmpty()
        || number.charAt(0) == '0'
        || !number.chars().allMatch(c -> c >= '0' && c <= '9')
        || number.length() > 18) {
      throw new InvalidInputException(
          "bad external ID '"
              + text
              + "': after the prefix comes a positive decimal without leading zeros");
    }
    return new Qid(prefix, Long.parseLong(number), type);
  }

  @Override
  public String toString() {
    return prefix + number;
  }
}
