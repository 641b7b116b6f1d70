package org.idminter.core.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.Text;

/**
 * Finds the identifiable nodes of a JSON document and writes canonical IDs into them. Any object
 * with a {@code sourceIdentifier} key counts, at any depth; the code holds no list of paths. The
 * walk is iterative, so deeply nested documents cannot overflow the stack.
 */
public final class Documents {
  private static final String SOURCE_IDENTIFIER = "sourceIdentifier";
  private static final String PREDECESSOR = "predecessorIdentifier";

  private Documents() {}

  /**
   * The identifiable nodes in document order. Bare identifier objects (the {@code sourceIdentifier}
   * and {@code predecessorIdentifier} objects themselves, {@code otherIdentifiers} entries) are
   * never identifiable.
   *
   * @throws InvalidInputException naming the JSON path of the first bad identifiable node
   */
  public static List<IdentifiableNode> find(JsonNode document) {
    List<IdentifiableNode> found = new ArrayList<>();
    Deque<Frame> stack = new ArrayDeque<>();
    stack.push(new Frame(document, null, null, -1));
    List<Frame> children = new ArrayList<>();
    while (!stack.isEmpty()) {
      Frame top = stack.pop();
      JsonNode node = top.node();
      children.clear();
      if (node.isObject()) {
        if (node.has(SOURCE_IDENTIFIER)) {
          found.add(identifiable((ObjectNode) node, top.path()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          String name = field.getKey();
          if (name.equals(SOURCE_IDENTIFIER)
              || name.equals(PREDECESSOR)
              || name.equals("otherIdentifiers")) {
            continue; // bare identifiers: never minted, never walked into
          }
          if (field.getValue().isContainerNode()) { // scalars hold nothing to find
            children.add(new Frame(field.getValue(), top, name, -1));
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          if (node.get(i).isContainerNode()) {
            children.add(new Frame(node.get(i), top, null, i));
          }
        }
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(children.get(i)); // document order
      }
    }
    return found;
  }

  /**
   * A container on the walk's stack; its JSON path is built only when needed (for an identifiable
   * node or an error), not for every node walked.
   */
  private record Frame(JsonNode node, Frame parent, String name, int index) {
    String path() {
      Deque<Frame> chain = new ArrayDeque<>();
      for (Frame f = this; f != null; f = f.parent()) {
        chain.push(f);
      }
      StringBuilder sb = new StringBuilder();
      for (Frame f : chain) {
        if (f.parent() == null) {
          sb.append('$');
        } else if (f.name() != null) {
          sb.append('.').append(f.name());
        } else {
          sb.append('[').append(f.index()).append(']');
        }
      }
      return sb.toString();
    }
  }

  /**
   * Writes the canonical ID of each node's key into it: {@code canonicalId} set; a string {@code
   * identifiedType} becomes {@code type}; otherwise {@code type: Identifiable} becomes {@code
   * Identified}. Nothing else changes.
   */
  public static void embed(List<IdentifiableNode> nodes, Map<SourceIdentifier, CanonicalId> ids) {
    for (IdentifiableNode n : nodes) {
      CanonicalId id = ids.get(n.key());
      if (id == null) {
        throw new IdMinterException(
            "no canonical ID was minted for " + n.key() + " at " + n.path());
      }
      ObjectNode node = n.node();
      node.put("canonicalId", id.value());
      JsonNode identifiedType = node.get("identifiedType");
      if (identifiedType != null && identifiedType.isTextual()) {
        node.remove("identifiedType");
        node.put("type", identifiedType.asText());
      } else if ("Identifiable".equals(node.path("type").asText(null))) {
        node.put("type", "Identified");
      }
    }
  }

  /** A source identifier object's key: ontologyType, identifierType.id, value; all strings. */
  public static SourceIdentifier key(JsonNode identifier, String path) {
    if (identifier == null || !identifier.isObject()) {
      throw new InvalidInputException(
          "bad identifier at "
              + path
              + ": expected an object with ontologyType,"
              + " identifierType.id and value, found "
              + describe(identifier));
    }
    String type = text(identifier.get("ontologyType"), path + ".ontologyType");
    String system = text(identifier.path("identifierType").get("id"), path + ".identifierType.id");
    String value = text(identifier.get("value"), path + ".value");
    try {
      return new SourceIdentifier(type, system, value);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(e.getMessage() + " (at " + path + ")", e);
    }
  }

  private static IdentifiableNode identifiable(ObjectNode node, String path) {
    SourceIdentifier key = key(node.get(SOURCE_IDENTIFIER), path + "." + SOURCE_IDENTIFIER);
    JsonNode pred = node.get(PREDECESSOR);
    Optional<SourceIdentifier> predecessor =
        pred == null || pred.isNull()
            ? Optional.empty()
            : Optional.of(key(pred, path + "." + PREDECESSOR));
    return new IdentifiableNode(node, path, key, predecessor);
  }

  private static String text(JsonNode value, String path) {
    if (value == null || value.isMissingNode()) {
      throw new InvalidInputException("bad identifier: " + path + " is missing");
    }
    if (!value.isTextual()) {
      throw new InvalidInputException(
          "bad identifier: " + path + " must be a string, found " + describe(value));
    }
    return value.asText();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return node.getNodeType().name().toLowerCase()
        + " "
        + Text.quote(text.length() > 60 ? text.substring(0, 60) : text);
  }
}
