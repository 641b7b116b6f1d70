package org.idminter.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * Source systems declared to mean the same as another (an alias and its canonical system): a key
 * under an alias is stored, minted and looked up as the same key under the canonical system.
 */
public record SystemAliases(Map<String, String> canonicalOf) {
  public static final SystemAliases NONE = new SystemAliases(Map.of());

  public SystemAliases {
    canonicalOf = Map.copyOf(new TreeMap<>(canonicalOf));
  }

  /** The key as stored: ontology type normalised and an alias system replaced by its canonical. */
  public SourceIdentifier stored(SourceIdentifier key) {
    SourceIdentifier k = key.normalised();
    String system = canonicalOf.get(k.sourceSystem());
    return system == null ? k : new SourceIdentifier(k.ontologyType(), system, k.sourceId());
  }

  /** {@code name} if it can be a key's source system; else why not, naming it. */
  public static String checkSystem(String name) {
    try {
      new SourceIdentifier("Work", name, "x");
      return name;
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "bad source system "
              + Text.quote(String.valueOf(name))
              + ": "
              + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
  }

  public boolean isEmpty() {
    return canonicalOf.isEmpty();
  }
}
