package org.idminter.core.id;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.InvalidInputException;

/**
 * Which prefix names which entity type in external IDs ({@code Q} item, {@code P} property, {@code
 * L} lexeme by default): one prefix per type, letters only, each type one of {@link #TYPES}.
 */
public record QidPrefixes(Map<String, String> typeOfPrefix) {
  /** The entity types the registry's table holds (its ENUM). */
  public static final List<String> TYPES = List.of("item", "property", "lexeme");

  /** The knowledge base's own prefixes. */
  public static final QidPrefixes DEFAULT =
      new QidPrefixes(Map.of("Q", "item", "P", "property", "L", "lexeme"));

  /** The longest external ID the registry stores (its column is VARCHAR(20)). */
  public static final int MAX_LENGTH = 20;

  public QidPrefixes {
    typeOfPrefix = Map.copyOf(typeOfPrefix);
    if (typeOfPrefix.isEmpty()) {
      throw new InvalidInputException("no qid prefixes: expected e.g. Q=item,P=property,L=lexeme");
    }
    Map<String, String> prefixOfType = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : typeOfPrefix.entrySet()) {
      if (!e.getKey().matches("[A-Za-z]{1,4}")) {
        throw new InvalidInputException(
            "bad qid prefix '" + e.getKey() + "': expected 1 to 4 letters, e.g. Q");
      }
      if (!TYPES.contains(e.getValue())) {
        throw new InvalidInputException(
            "bad entity type '"
                + e.getValue()
                + "' for prefix "
                + e.getKey()
                + ": expected one of "
                + TYPES);
      }
      String other = prefixOfType.put(e.getValue(), e.getKey());
      if (other != null) {
        throw new InvalidInputException(
            "two prefixes for "
                + e.getValue()
                + " ("
                + other
                + " and "
                + e.getKey()
                + "): give each entity type one prefix");
      }
    }
  }

  /** Reads {@code Q=item,P=property,L=lexeme}. */
  public static QidPrefixes of(String spec) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("\\s*=\\s*", -1);
      if (kv.length != 2 || kv[0].isEmpty() || kv[1].isEmpty()) {
        throw new InvalidInputException(
            "bad qid prefix '" + part.trim() + "': expected PREFIX=TYPE, e.g. Q=item");
      }
      if (map.put(kv[0], kv[1]) != null) {
        throw new InvalidInputException("the qid prefix " + kv[0] + " is given twice");
      }
    }
    return new QidPrefixes(map);
  }

  /** Reads an external ID, failing with what is wrong (prefix, number, length). */
  public Qid parse(String text) {
    Qid q = Qid.parse(text, typeOfPrefix);
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException(
          "bad external ID '" + text + "': longer than " + MAX_LENGTH + " characters");
    }
    return q;
  }

  /** {@link #parse} without the error: null when {@code text} is no external ID here. */
  public Qid tryParse(String text) {
    return text == null || text.length() > MAX_LENGTH ? null : Qid.tryParse(text, typeOfPrefix);
  }

  /** The prefix of {@code type}, or a clear error if none is configured. */
  public String prefixOf(String type) {
    return typeOfPrefix.entrySet().stream()
        .filter(e -> e.getValue().equals(type))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "no qid prefix is configured for entity type '"
                        + type
                        + "' (configured: "
                        + typeOfPrefix
                        + ")"));
  }

  /** The external ID of {@code type} with {@code number}. */
  public Qid qid(String type, long number) {
    return new Qid(prefixOf(type), number, type);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(typeOfPrefix)
        .forEach((p, t) -> sb.append(sb.length() == 0 ? "" : ",").append(p).append('=').append(t));
    return sb.toString();
  }
}
