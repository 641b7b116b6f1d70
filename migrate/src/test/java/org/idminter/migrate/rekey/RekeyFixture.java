package org.idminter.migrate.rekey;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.idminter.migrate.engine.TableShape;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabase;

/**
 * The knowledge-base tables the rekey tests start from (entity_head, entity_revisions,
 * entity_revision_meta, entity_delete_audit), their seed, and a snapshot of everything a rekey
 * touches: every row of every spec table, each table's keys, the registry's mappings, the rows
 * moved aside, and the migration's own staging table and phase.
 */
final class RekeyFixture {
  static final String[] TABLES = {
    "entity_delete_audit", "entity_revision_meta", "entity_revisions", "entity_head"
  };

  private final TestDatabase db;

  RekeyFixture(TestDatabase db) {
    this.db = db;
  }

  static RekeySpec spec() {
    try {
      return RekeySpec.parse(new ObjectMapper().readTree(RekeyPlanContract.SPEC));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Drops the spec tables and the migration's own, creates the spec tables, and creates idminter's
   * schema (the registry) unless it is there, when its mappings are deleted instead.
   */
  void create() {
    if (!registryExists()) {
      IdStore.builder(db.config(), new Random(3)).open().close();
    }
    List<String> drop = new ArrayList<>(List.of(TABLES));
    for (int i = 0; i < 4; i++) {
      drop.add(RekeyDdl.skippedTable(i));
    }
    drop.addAll(List.of(RekeyDdl.ENTITIES, RekeyDdl.FACTS, RekeyMigration.STATE.name()));
    db.execute("DROP TABLE IF EXISTS " + String.join(", ", drop));
    db.execute("DELETE FROM entity_id_mapping");
    db.execute(
        "CREATE TABLE entity_head (entity_id VARCHAR(20) NOT NULL, label VARCHAR(50),"
            + " PRIMARY KEY (entity_id))",
        "CREATE TABLE entity_revisions (entity_id VARCHAR(20) NOT NULL, revision_id INT NOT"
            + " NULL, created_at TIMESTAMP NULL, PRIMARY KEY (entity_id, revision_id))",
        "CREATE TABLE entity_revision_meta (entity_id VARCHAR(20) NOT NULL, revision_id INT"
            + " NOT NULL, size_bytes INT, PRIMARY KEY (entity_id, revision_id))",
        "CREATE TABLE entity_delete_audit (entity_id VARCHAR(20), note VARCHAR(50))");
  }

  private boolean registryExists() {
    try (Connection c = db.connect()) {
      return TableShape.read(c, "entity_id_mapping").isPresent();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Entities of every type with two revisions each: Q2, L7 and Q10 share a creation millisecond
   * (numbered 2, 7, 10 in that order), P31 is older than all, Q1 is registered beforehand (kept);
   * one audit row.
   */
  void seed() {
    create();
    List<String> heads = new ArrayList<>();
    List<String> revisions = new ArrayList<>();
    List<String> meta = new ArrayList<>();
    String[][] entities = {
      {"Q1", "2020-01-02 00:00:00"},
      {"Q2", "2020-01-03 00:00:00"},
      {"Q10", "2020-01-03 00:00:00"},
      {"P31", "2019-06-01 12:00:00"},
      {"L7", "2020-01-03 00:00:00"},
      {"Q42", "2021-01-01 00:00:00"}
    };
    for (String[] e : entities) {
      heads.add("('" + e[0] + "', 'label " + e[0] + "')");
      for (int r = 1; r <= 2; r++) {
        revisions.add("('" + e[0] + "', " + r + ", TIMESTAMP '" + e[1] + "')");
        meta.add("('" + e[0] + "', " + r + ", " + (100 * r) + ")");
      }
    }
    db.execute(
        "INSERT INTO entity_head (entity_id, label) VALUES " + String.join(", ", heads),
        "INSERT INTO entity_revisions (entity_id, revision_id, created_at) VALUES "
            + String.join(", ", revisions),
        "INSERT INTO entity_revision_meta (entity_id, revision_id, size_bytes) VALUES "
            + String.join(", ", meta),
        "INSERT INTO entity_delete_audit (entity_id, note) VALUES ('Q2', 'deleted once')",
        "INSERT INTO entity_id_mapping (internal_id, external_id, entity_type)"
            + " VALUES (3000000000000000001, 'Q1', 'item')");
  }

  /** Adds rows apply must refuse: a malformed ID with its revision, an orphan, a NULL audit row. */
  void seedRefused() {
    db.execute(
        "INSERT INTO entity_head (entity_id, label) VALUES ('X5', 'bad prefix')",
        "INSERT INTO entity_revisions (entity_id, revision_id) VALUES ('X5', 1)",
        "INSERT INTO entity_revisions (entity_id, revision_id) VALUES ('Q999', 1)",
        "INSERT INTO entity_delete_audit (entity_id, note) VALUES (NULL, 'lost')");
  }

  /** The spec tables' rows, sorted, as text (what rollback must restore exactly). */
  String tables() {
    return read(
        s -> {
          StringBuilder out = new StringBuilder();
          for (String t : TABLES) {
            out.append("== ").append(t).append('\n').append(rows(s, "SELECT * FROM " + t));
          }
          return out.toString();
        });
  }

  /** Everything a rekey touches, leaving out what names a run (owner, heartbeat, run id). */
  String snapshot() {
    return read(
        s -> {
          StringBuilder out = new StringBuilder(tables());
          try (Connection c = db.connect()) {
            for (String t : TABLES) {
              TableShape shape = TableShape.require(c, t);
              out.append("keys ")
                  .append(t)
                  .append(' ')
                  .append(shape.primaryKeyLower())
                  .append(' ')
                  .append(shape.foreignKeys().stream().map(String::toLowerCase).sorted().toList())
                  .append(' ')
                  .append(shape.columns().stream().map(String::toLowerCase).toList())
                  .append('\n');
            }
            for (int i = 0; i < 4; i++) {
              if (TableShape.read(c, RekeyDdl.skippedTable(i)).isPresent()) {
                out.append("skipped ").append(i).append('\n');
                out.append(rows(s, "SELECT * FROM " + RekeyDdl.skippedTable(i)));
              }
            }
            if (TableShape.read(c, RekeyDdl.ENTITIES).isPresent()) {
              out.append("entities\n").append(rows(s, "SELECT * FROM " + RekeyDdl.ENTITIES));
            }
            if (TableShape.read(c, RekeyMigration.STATE.name()).isPresent()) {
              out.append("phase ")
                  .append(rows(s, "SELECT Phase FROM " + RekeyMigration.STATE.name()));
            }
          }
          out.append("mappings\n")
              .append(
                  rows(s, "SELECT internal_id, external_id, entity_type FROM entity_id_mapping"));
          return out.toString();
        });
  }

  void execute(String... sql) {
    db.execute(sql);
  }

  long count(String sql) {
    return read(
        s -> {
          try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  List<String> column(String sql) {
    return read(
        s -> {
          List<String> out = new ArrayList<>();
          try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  private interface Work<T> {
    T run(Statement s) throws SQLException;
  }

  private <T> T read(Work<T> work) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      return work.run(s);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rows(Statement s, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    rows.sort(null);
    return String.join("\n", rows) + "\n";
  }
}
