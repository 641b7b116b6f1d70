package org.idminter.core;

/**
 * A key: the identity of one record in one source system, written {@code
 * OntologyType[sourceSystem/sourceId]}. The system never contains {@code /}; the value may. Every
 * part is text of at most 255 characters without control characters and not blank (not only
 * whitespace: the original service refuses blank identifiers too).
 */
public record SourceIdentifier(String ontologyType, String sourceSystem, String sourceId)
    implements Comparable<SourceIdentifier> {
  public static final int MAX_PART_LENGTH = 255;

  public SourceIdentifier {
    String shown = ontologyType + "[" + sourceSystem + "/" + sourceId + "]";
    checkPart("ontology type", ontologyType, shown);
    checkPart("source system", sourceSystem, shown);
    checkPart("source id", sourceId, shown);
    if (ontologyType.indexOf('[') >= 0) {
      throw invalid(shown, "the ontology type must not contain '['");
    }
    if (sourceSystem.indexOf('/') >= 0) {
      throw invalid(shown, "the source system must not contain '/'");
    }
  }

  /**
   * Parses {@code OntologyType[sourceSystem/sourceId]}. The value runs from the first {@code /}
   * after the system to the final {@code ]}, so values may contain {@code /} and {@code ]}.
   */
  public static SourceIdentifier parse(String text) {
    if (text == null) {
      throw new InvalidInputException("bad source identifier: missing (null)");
    }
    int open = text.indexOf('[');
    int slash = open < 0 ? -1 : text.indexOf('/', open);
    if (open <= 0 || slash < 0 || !text.endsWith("]") || slash >= text.length() - 1) {
      throw new InvalidInputException(
          "bad source identifier "
              + Text.quote(text)
              + ": expected OntologyType[sourceSystem/sourceId], e.g. Work[sierra-system-number/b1000001]");
    }
    return new SourceIdentifier(
        text.substring(0, open),
        text.substring(open + 1, slash),
        text.substring(slash + 1, text.length() - 1));
  }

  /** The key as stored: ontology type normalised (Person, Agent… become Concept). */
  public SourceIdentifier normalised() {
    String type = OntologyTypes.normalise(ontologyType);
    return type.equals(ontologyType) ? this : new SourceIdentifier(type, sourceSystem, sourceId);
  }

  @Override
  public int compareTo(SourceIdentifier o) {
    int c = ontologyType.compareTo(o.ontologyType);
    if (c == 0) {
      c = sourceSystem.compareTo(o.sourceSystem);
    }
    return c != 0 ? c : sourceId.compareTo(o.sourceId);
  }

  @Override
  public String toString() {
    return ontologyType + "[" + sourceSystem + "/" + sourceId + "]";
  }

  private static void checkPart(String name, String value, String shown) {
    if (value == null || value.isEmpty()) {
      throw invalid(shown, "the " + name + " is empty");
    }
    if (isBlank(value)) {
      throw invalid(shown, "the " + name + " is blank (only whitespace)");
    }
    if (value.length() > MAX_PART_LENGTH) {
      throw invalid(
          shown,
          "the " + name + " has " + value.length() + " characters, more than " + MAX_PART_LENGTH);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw invalid(
            shown,
            String.format(
                "the %s contains the control character U+%04X at position %d",
                name, (int) c, i + 1));
      }
      if (Character.isHighSurrogate(c)
              && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
          || Character.isLowSurrogate(c)
              && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
        throw invalid(
            shown,
            "the "
                + name
                + " is malformed text (an unpaired surrogate at position "
                + (i + 1)
                + ")");
      }
      if (c == '\uFFFD') {
        throw invalid(
            shown,
            "the " + name + " contains U+FFFD, a sign of text decoded with the wrong charset");
      }
    }
  }

  /** Only whitespace, including the Unicode spaces Java's own isBlank ignores (e.g. U+00A0). */
  private static boolean isBlank(String value) {
    return value
        .codePoints()
        .allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF');
  }

  private static InvalidInputException invalid(String shown, String why) {
    return new InvalidInputException("bad source identifier " + Text.quote(shown) + ": " + why);
  }
}
