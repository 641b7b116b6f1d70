package org.idminter.core.document;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;

/**
 * A JSON number kept as the characters it was written with ({@code -0.0}, {@code 1E2}, {@code
 * 1e9999}), and written back as exactly those characters. idminter never computes with the numbers
 * of a work, so it never converts them: a conversion would turn {@code -0} into {@code 0}, {@code
 * 1E2} into {@code 100} and {@code 1e9999} into ten thousand digits.
 */
final class NumberText extends ValueNode {
  private static final long serialVersionUID = 1L;

  private final String text;

  NumberText(String text) {
    this.text = text;
  }

  @Override
  public JsonToken asToken() {
    return text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0
        ? JsonToken.VALUE_NUMBER_FLOAT
        : JsonToken.VALUE_NUMBER_INT;
  }

  @Override
  public JsonNodeType getNodeType() {
    return JsonNodeType.NUMBER;
  }

  @Override
  public String asText() {
    return text;
  }

  /** The value as a double (infinite or zero when out of range); never used to write it back. */
  @Override
  public double asDouble() {
    return Double.parseDouble(text);
  }

  @Override
  public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeNumber(text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberText other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
