package org.idminter.core.document;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.idminter.core.InvalidInputException;
import org.idminter.core.Text;

/**
 * Reads and writes works as JSON without changing what idminter does not own: every number is
 * written back with the characters it was read with (see {@link NumberText}), and a key that
 * appears twice in one object is refused (naming the key and its path) instead of the last one
 * silently winning. The tree is built iteratively, so no nesting depth can overflow the stack; the
 * depth is limited all the same.
 */
public final class ExactJson {
  /** Integers Jackson writes back unchanged as a long: no sign of zero, no leading zero. */
  private static final Pattern PLAIN_LONG = Pattern.compile("0|-?[1-9][0-9]{0,17}");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** For writing trees (works, reports, requests); numbers read here write back exactly. */
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final JsonFactory factory;
  private final int maxDepth;

  /** A reader refusing documents nested deeper than {@code maxDepth}. */
  public ExactJson(int maxDepth) {
    this.maxDepth = maxDepth;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();
  }

  /** One container being filled: its node, the key awaiting a value, where it sits. */
  private static final class Frame {
    final JsonNode node;
    final Frame parent;
    final String name; // in the parent object, or null
    final int index; // in the parent array, or -1
    String pendingKey;

    Frame(JsonNode node, Frame parent, String name, int index) {
      this.node = node;
      this.parent = parent;
      this.name = name;
      this.index = index;
    }

    String path() {
      List<Frame> chain = new ArrayList<>();
      for (Frame f = this; f != null; f = f.parent) {
        chain.add(0, f);
      }
      StringBuilder sb = new StringBuilder("$");
      for (Frame f : chain) {
        if (f.name != null) {
          sb.append('.').append(f.name);
        } else if (f.index >= 0) {
          sb.append('[').append(f.index).append(']');
        }
      }
      return sb.toString();
    }
  }

  /**
   * Parses one JSON value.
   *
   * @throws InvalidInputException saying what is wrong: not JSON, a duplicate key (with its path),
   *     nesting deeper than the limit, or text after the value
   */
  public JsonNode read(String text) {
    try (JsonParser p = factory.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new InvalidInputException("not valid JSON: no value");
      }
      JsonNode root = null;
      Deque<Frame> stack = new ArrayDeque<>();
      do {
        Frame top = stack.peek();
        JsonNode value = null;
        switch (t) {
          case START_OBJECT, START_ARRAY -> {
            JsonNode container =
                t == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
            String name = top != null && top.node.isObject() ? top.pendingKey : null;
            int index = top != null && top.node.isArray() ? top.node.size() : -1;
            attach(top, container);
            stack.push(new Frame(container, top, name, index));
            if (top == null) {
              root = container;
            }
          }
          case END_OBJECT, END_ARRAY -> stack.pop();
          case FIELD_NAME -> {
            String key = p.currentName();
            if (top.node.has(key)) {
              throw new InvalidInputException(
                  "duplicate key "
                      + Text.quote(key)
                      + " at "
                      + top.path()
                      + "."
                      + key
                      + ": the object names it twice, so which value is meant is unknown;"
                      + " name each key once");
            }
            top.pendingKey = key;
          }
          case VALUE_STRING -> value = NODES.textNode(p.getText());
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = number(p.getText());
          case VALUE_TRUE, VALUE_FALSE -> value = NODES.booleanNode(t == JsonToken.VALUE_TRUE);
          case VALUE_NULL -> value = NODES.nullNode();
          default -> throw new InvalidInputException("not valid JSON: unexpected " + t);
        }
        if (value != null) {
          attach(top, value);
          if (top == null) {
            root = value;
          }
        }
      } while (!stack.isEmpty() && (t = p.nextToken()) != null);
      if (p.nextToken() != null) {
        throw new InvalidInputException(
            "not valid JSON: text after the end of the value at column "
                + p.currentLocation().getColumnNr());
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new InvalidInputException(
          "the document nests more than " + maxDepth + " levels deep", e);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidInputException("not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The tree as one line of JSON, numbers exactly as read. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "cannot write the work as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode number(String text) {
    if (PLAIN_LONG.matcher(text).matches()) {
      return NODES.numberNode(Long.parseLong(text));
    }
    return new NumberText(text);
  }

  private static void attach(Frame top, JsonNode value) {
    if (top == null) {
      return;
    }
    if (top.node instanceof ObjectNode o) {
      o.set(top.pendingKey, value);
    } else {
      ((ArrayNode) top.node).add(value);
    }
  }
}
