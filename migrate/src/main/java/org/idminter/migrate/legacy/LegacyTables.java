package org.idminter.migrate.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    return Sql.query(
        c,
        sql,
        ps -> {
          int i = 1;
          if (cursor != null) {
            ps.setString(i++, cursor);
          }
          ps.setInt(i, chunk);
        },
        rs -> new LegacyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  /**
   * Rows whose keys are equal to another row's ignoring case, once ontology types are normalised.
   */
  static List<LegacyRow> collisionCandidates(Connection c, String table) throws SQLException {
    String concept =
        "CASE WHEN %1$sOntologyType IN ('Person', 'Organisation', 'Place', 'Agent', 'Meeting', 'Genre',"
            + " 'Period') THEN 'Concept' ELSE %1$sOntologyType END";
    String plain = String.format(concept, "");
    String aliased = String.format(concept, "l.");
    String sql =
        "SELECT l.CanonicalId, l.OntologyType, l.SourceSystem, l.SourceId FROM "
            + table
            + " l JOIN ("
            + "SELECT LOWER("
            + plain
            + ") AS nt, LOWER(SourceSystem) AS ns, LOWER(SourceId) AS nv FROM "
            + table
            + " GROUP BY LOWER("
            + plain
            + "), LOWER(SourceSystem), LOWER(SourceId) HAVING COUNT(*) > 1) g"
            + " ON LOWER("
            + aliased
            + ") = g.nt AND LOWER(l.SourceSystem) = g.ns AND LOWER(l.SourceId) = g.nv"
            + " ORDER BY l.CanonicalId";
    return Sql.query(
        c,
        sql,
        ps -> {},
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
