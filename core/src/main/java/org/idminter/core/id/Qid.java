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

  /** Reads {@code text} with {@code types} mapping each prefix to its entity type. */
  public static Qid parse(String text, Map<String, String> types) {
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
