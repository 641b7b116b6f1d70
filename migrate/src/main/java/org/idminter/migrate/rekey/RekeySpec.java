package org.idminter.migrate.rekey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.id.QidPrefixes;

/**
 * A rekey migration's spec file: the parent table and its external-ID column, the child tables and
 * their referencing columns, the prefixes' entity types, optionally where each entity's creation
 * time is read, and the new column's name. Every name is checked to be a plain SQL identifier
 * (names are written into statements, so nothing else is accepted), and an unknown field is an
 * error naming it.
 */
public record RekeySpec(
    String mappingTable,
    Column parent,
    List<Column> children,
    QidPrefixes entityTypes,
    Optional<CreatedAt> createdAt,
    String newColumn) {

  /** A table and one of its columns. */
  public record Column(String table, String column) {}

  /** Where creation times come from: a column of a table, aggregated per entity. */
  public record CreatedAt(String table, String column, String aggregate) {}

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  public RekeySpec {
    children = List.copyOf(children);
    Set<String> tables = new HashSet<>();
    tables.add(parent.table().toLowerCase(java.util.Locale.ROOT));
    for (Column c : children) {
      if (!tables.add(c.table().toLowerCase(java.util.Locale.ROOT))) {
        throw new InvalidInputException(
            "the table " + c.table() + " is named twice in the spec; name each table once");
      }
    }
    if (createdAt.isPresent()) {
      String t = createdAt.get().table();
      if (!tables.contains(t.toLowerCase(java.util.Locale.ROOT))) {
        throw new InvalidInputException(
            "\"created_at\".table is "
                + t
                + ", which is neither the parent nor a child: name the table (and its time column)"
                + " among them, so each entity's time is read through its own column");
      }
    }
  }

  /** The spec table holding creation times, with the column that names its entity. */
  public Optional<Column> createdAtSource() {
    return createdAt.flatMap(
        a -> tables().stream().filter(t -> t.table().equalsIgnoreCase(a.table())).findFirst());
  }

  /** A text that differs whenever the spec does (kept with a run, to refuse resuming another). */
  public String identity() {
    return String.join(
        "|",
        parent.toString(),
        children.toString(),
        new java.util.TreeMap<>(entityTypes.typeOfPrefix()).toString(),
        createdAt.toString(),
        newColumn);
  }

  /** Every table the migration changes: the parent, then the children in spec order. */
  public List<Column> tables() {
    List<Column> all = new ArrayList<>();
    all.add(parent);
    all.addAll(children);
    return all;
  }

  /** Reads and checks a spec file, failing with the file, the field and what is wrong. */
  public static RekeySpec read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new InvalidInputException("cannot read the spec " + file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(
          "the spec " + file + " is not valid JSON: " + e.getMessage().split("\n")[0]);
    }
    try {
      return parse(root);
    } catch (IdMinterException e) {
      throw new InvalidInputException("the spec " + file + ": " + e.getMessage(), e);
    }
  }

  public static RekeySpec parse(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("expected a JSON object");
    }
    known(
        root,
        "",
        "mapping_table",
        "parent",
        "children",
        "entity_types",
        "created_at",
        "new_column");
    String mapping = optionalName(root, "mapping_table").orElse("entity_id_mapping");
    if (!mapping.equals("entity_id_mapping")) {
      throw new InvalidInputException(
          "\"mapping_table\" is '"
              + mapping
              + "', but idminter's registry is the table entity_id_mapping; leave the field out or"
              + " name that table");
    }
    Column parent = column(required(root, "parent"), "parent");
    List<Column> children = new ArrayList<>();
    JsonNode list = root.get("children");
    if (list != null && !list.isNull()) {
      if (!list.isArray()) {
        throw new InvalidInputException("\"children\" must be a list of {\"table\", \"column\"}");
      }
      for (int i = 0; i < list.size(); i++) {
        children.add(column(list.get(i), "children[" + i + "]"));
      }
    }
    JsonNode types = required(root, "entity_types");
    if (!types.isObject() || types.isEmpty()) {
      throw new InvalidInputException(
          "\"entity_types\" must map each prefix to its type, e.g. {\"Q\": \"item\"}");
    }
    Map<String, String> prefixes = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new InvalidInputException(
            "\"entity_types\"." + e.getKey() + " must be one of " + QidPrefixes.TYPES);
      }
      prefixes.put(e.getKey(), e.getValue().asText());
    }
    Optional<CreatedAt> created = Optional.empty();
    JsonNode c = root.get("created_at");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new InvalidInputException(
            "\"created_at\" must be {\"table\", \"column\", \"aggregate\": \"min\"|\"max\"}");
      }
      known(c, "created_at.", "table", "column", "aggregate");
      String aggregate = optionalText(c, "aggregate").orElse("min");
      if (!aggregate.equals("min") && !aggregate.equals("max")) {
        throw new InvalidInputException(
            "\"created_at\".aggregate is '" + aggregate + "': expected min or max");
      }
      created =
          Optional.of(
              new CreatedAt(
                  name(required(c, "table", "created_at.table"), "created_at.table"),
                  name(required(c, "column", "created_at.column"), "created_at.column"),
                  aggregate));
    }
    String newColumn = optionalName(root, "new_column").orElse("internal_id");
    return new RekeySpec(mapping, parent, children, new QidPrefixes(prefixes), created, newColumn);
  }

  private static Column column(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(
          "\"" + where + "\" must be {\"table\": NAME, \"column\": NAME}");
    }
    known(node, where + ".", "table", "column");
    return new Column(
        name(required(node, "table", where + ".table"), where + ".table"),
        name(required(node, "column", where + ".column"), where + ".column"));
  }

  private static JsonNode required(JsonNode node, String field) {
    return required(node, field, field);
  }

  private static JsonNode required(JsonNode node, String field, String path) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidInputException("\"" + path + "\" is missing");
    }
    return v;
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new InvalidInputException("\"" + field + "\" must be a string");
    }
    return Optional.of(v.asText());
  }

  private static Optional<String> optionalName(JsonNode node, String field) {
    return optionalText(node, field).map(v -> checkName(v, field));
  }

  private static String name(JsonNode v, String field) {
    if (!v.isTextual()) {
      throw new InvalidInputException("\"" + field + "\" must be a string");
    }
    return checkName(v.asText(), field);
  }

  private static String checkName(String v, String field) {
    if (!IDENTIFIER.matcher(v).matches()) {
      throw new InvalidInputException(
          "\""
              + field
              + "\" is '"
              + v
              + "': a table or column name must be a plain SQL identifier (letters, digits and _,"
              + " not starting with a digit, at most 64 characters)");
    }
    return v;
  }

  private static void known(JsonNode node, String where, String... fields) {
    Set<String> allowed = Set.of(fields);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new InvalidInputException(
            "unknown field \"" + where + f + "\" (known: " + String.join(", ", fields) + ")");
      }
    }
  }
}
