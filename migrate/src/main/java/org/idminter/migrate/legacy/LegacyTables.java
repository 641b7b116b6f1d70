package org.idminter.migrate.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.idminter.core.OntologyTypes;
import org.idminter.migrate.engine.StateTable;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.sql.Sql;

/** SQL on the legacy table and its copies: table listing, keyset-paged reads, scripts. */
final class LegacyTables {
  static final String LEGACY = "identifiers";
  static final String NEW = "identifiers_new";
  static final String OLD = "identifiers_old";
  static final String CANONICAL_IDS = "canonical_ids";
  static final String STATE = "idminter_legacy_migration";

  /** The canonical IDs of the rows a copy in the database leaves out (refused by the plan). */
  static final String REFUSED = "idminter_legacy_refused";

  /** The fingerprint apply verified the copy against, before the swap. */
  static final String SOURCE = "Source";

  /** The fingerprint of identifiers after the swap. */
  static final String SWAPPED = "Swapped";

  static final StateTable STATE_TABLE = new StateTable(STATE, List.of(SOURCE, SWAPPED));

  private LegacyTables() {}

  @FunctionalInterface
  interface ChunkVisitor {
    void visit(List<LegacyRow> rows) throws SQLException;
  }

  /** Lower-case names of the tables in the connection's schema. */
  static Set<String> tables(Connection c) throws SQLException {
    Set<String> names = new HashSet<>();
    try (ResultSet rs =
        c.getMetaData()
            .getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  /**
   * Reads a table of identifiers (legacy or new shape) in CanonicalId order, {@code chunk} rows at
   * a time, starting after {@code cursor} (null: from the start). Memory stays flat.
   */
  static void forEachChunk(
      Connection c, String table, String cursor, int chunk, ChunkVisitor visitor)
      throws SQLException {
    String last = cursor;
    while (true) {
      List<LegacyRow> rows = readPage(c, table, last, chunk);
      if (rows.isEmpty()) {
        return;
      }
      visitor.visit(rows);
      if (rows.size() < chunk) {
        return;
      }
      last = rows.get(rows.size() - 1).canonicalId();
    }
  }

  /** One page of at most {@code chunk} rows after {@code cursor} (null: the first page). */
  static List<LegacyRow> readPage(Connection c, String table, String cursor, int chunk)
      throws SQLException {
    String columns = "SELECT CanonicalId, OntologyType, SourceSystem, SourceId FROM " + table;
    String sql =
        cursor == null
            ? columns + " ORDER BY CanonicalId LIMIT ?"
            : columns + " WHERE CanonicalId > ? ORDER BY CanonicalId LIMIT ?";
    return queryRows(
        c,
        sql,
        ps -> {
          int i = 1;
          if (cursor != null) {
            ps.setString(i++, cursor);
          }
          ps.setInt(i, chunk);
        });
  }

  /**
   * The ontology type in {@code column} as the RFC 083 schema stores it: Person, Agent and the
   * other concept-like types, compared exactly, become Concept.
   */
  static String conceptType(Dialect dialect, String column) {
    String types =
        OntologyTypes.CONCEPT_LIKE.stream()
            .sorted()
            .map(t -> "'" + t + "'")
            .collect(Collectors.joining(", "));
    return "CASE WHEN "
        + dialect.exactly(column)
        + " IN ("
        + types
        + ") THEN 'Concept' ELSE "
        + column
        + " END";
  }

  /**
   * Rows whose keys may equal another row's ignoring case, once ontology types are normalised: the
   * database groups a hash of each folded key, and returns the rows whose hash is shared (the
   * planner compares them exactly). Where it has no key hash, it groups the folded keys themselves.
   */
  static List<LegacyRow> collisionCandidates(Connection c, Dialect dialect, String table)
      throws SQLException {
    String columns = "SELECT l.CanonicalId, l.OntologyType, l.SourceSystem, l.SourceId FROM ";
    Optional<String> hash = dialect.keyHash(foldedKey(dialect, ""));
    if (hash.isEmpty()) {
      return queryRows(
          c,
          columns
              + table
              + " l JOIN (SELECT "
              + foldedKey(dialect, "")
              + " AS k FROM "
              + table
              + " GROUP BY "
              + foldedKey(dialect, "")
              + " HAVING COUNT(*) > 1) g ON g.k = "
              + foldedKey(dialect, "l.")
              + " ORDER BY l.CanonicalId",
          ps -> {});
    }
    List<Long> shared =
        Sql.query(
            c,
            dialect.withRoomToGroup(
                "SELECT "
                    + hash.get()
                    + " AS h FROM "
                    + table
                    + " GROUP BY "
                    + hash.get()
                    + " HAVING COUNT(*) > 1"),
            ps -> {},
            rs -> rs.getLong(1));
    List<LegacyRow> rows = new ArrayList<>();
    String aliased = dialect.keyHash(foldedKey(dialect, "l.")).orElseThrow();
    for (int from = 0; from < shared.size(); from += Sql.MAX_IN) {
      List<Long> part = shared.subList(from, Math.min(shared.size(), from + Sql.MAX_IN));
      rows.addAll(
          queryRows(
              c,
              columns
                  + table
                  + " l WHERE "
                  + aliased
                  + " IN ("
                  + Sql.placeholders(part.size())
                  + ")",
              ps -> {
                for (int i = 0; i < part.size(); i++) {
                  ps.setLong(i + 1, part.get(i));
                }
              }));
    }
    rows.sort(Comparator.comparing(LegacyRow::canonicalId));
    return rows;
  }

  /**
   * A row's key as the collision check compares it: normalised type, system and value, lower case.
   */
  private static String foldedKey(Dialect dialect, String alias) {
    return "LOWER(CONCAT("
        + conceptType(dialect, alias + "OntologyType")
        + ", '|', "
        + alias
        + "SourceSystem, '|', "
        + alias
        + "SourceId))";
  }

  private static List<LegacyRow> queryRows(Connection c, String sql, Sql.Binder binder)
      throws SQLException {
    return Sql.query(
        c,
        sql,
        binder,
        rs -> new LegacyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  /**
   * Runs a script from legacy/&lt;dialect&gt;/, or from legacy/common/ when the database has none
   * of its own.
   */
  static void runScript(
      Connection c, Dialect dialect, String name, Map<String, String> placeholders)
      throws SQLException {
    String own = "/legacy/" + dialect.migrationFolder() + "/" + name;
    String path = LegacyTables.class.getResource(own) != null ? own : "/legacy/common/" + name;
    String text;
    try (InputStream in = LegacyTables.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
    }
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      text = text.replace("${" + p.getKey() + "}", p.getValue());
    }
    List<String> statements = new ArrayList<>();
    for (String part : text.split(";\\s*(\\n|$)")) {
      if (!part.isBlank()) {
        statements.add(part.trim());
      }
    }
    execute(c, statements);
  }

  /** Runs statements in order; a failure names the statement. */
  static void execute(Connection c, List<String> statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        try {
          s.execute(sql);
        } catch (SQLException e) {
          throw new SQLException(
              e.getMessage() + " [statement: " + sql + "]", e.getSQLState(), e.getErrorCode(), e);
        }
      }
    }
  }
}
