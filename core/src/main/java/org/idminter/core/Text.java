package org.idminter.core;

/** Small helpers for showing user-supplied text safely inside messages. */
public final class Text {
  private static final int MAX_SHOWN = 120;

  private Text() {}

  /**
   * Quotes a value for an error message: control characters escaped, long values shortened, so a
   * message is always one readable line whatever the input.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("'");
    int limit = Math.min(value.length(), MAX_SHOWN);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (c == '\'' || c == '\\') {
        out.append('\\').append(c);
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > limit) {
      out.append("…(").append(value.length()).append(" chars)");
    }
    return out.append('\'').toString();
  }
}
