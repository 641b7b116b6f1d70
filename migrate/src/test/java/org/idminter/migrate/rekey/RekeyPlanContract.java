package org.idminter.migrate.rekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rekey plan on every database: it counts and classifies every row of the knowledge-base
 * tables, refuses what apply could not carry (unknown prefixes, malformed IDs, orphans, registered
 * types that disagree), keeps what is registered, pages correctly whatever the chunk, and writes
 * nothing (every table's contents are compared before and after).
 */
public abstract class RekeyPlanContract {
  protected abstract TestDatabase database();

  static final String SPEC =
      "{\"mapping_table\": \"entity_id_mapping\", \"parent\": {\"table\": \"entity_head\","
          + " \"column\": \"entity_id\"}, \"children\": [{\"table\": \"entity_revisions\","
          + " \"column\": \"entity_id\"}, {\"table\": \"entity_revision_meta\", \"column\":"
          + " \"entity_id\"}, {\"table\": \"entity_delete_audit\", \"column\": \"entity_id\"}],"
          + " \"entity_types\": {\"Q\": \"item\", \"P\": \"property\", \"L\": \"lexeme\"},"
          + " \"created_at\": {\"table\": \"entity_revisions\", \"column\": \"created_at\","
          + " \"aggregate\": \"min\"}}";

  private static final String[] TABLES = {
    "entity_delete_audit", "entity_revision_meta", "entity_revisions", "entity_head"
  };

  private IdStore store;

  @BeforeEach
  void createTables() {
    database().reset();
    for (String t : TABLES) {
      database().execute("DROP TABLE IF EXISTS " + t);
    }
    database()
        .execute(
            "CREATE TABLE entity_head (entity_id VARCHAR(20) NOT NULL, label VARCHAR(50),"
                + " PRIMARY KEY (entity_id))",
            "CREATE TABLE entity_revisions (entity_id VARCHAR(20) NOT NULL, revision_id INT NOT"
                + " NULL, created_at TIMESTAMP NULL, PRIMARY KEY (entity_id, revision_id))",
            "CREATE TABLE entity_revision_meta (entity_id VARCHAR(20) NOT NULL, revision_id INT"
                + " NOT NULL, size_bytes INT, PRIMARY KEY (entity_id, revision_id))",
            "CREATE TABLE entity_delete_audit (entity_id VARCHAR(20), note VARCHAR(50))");
    store = IdStore.builder(database().config(), new Random(3)).open();
  }

  @AfterEach
  void dropTables() {
    if (store != null) {
      store.close();
    }
    for (String t : TABLES) {
      database().execute("DROP TABLE IF EXISTS " + t);
    }
  }

  private void seed() {
    List<String> sql = new ArrayList<>();
    for (String id : List.of("Q1", "Q2", "Q10", "P31", "L7", "X5", "Q05")) {
      sql.add(
          "INSERT INTO entity_head (entity_id, label) VALUES ('" + id + "', 'label " + id + "')");
      for (int r = 1; r <= 2; r++) {
        sql.add(
            "INSERT INTO entity_revisions (entity_id, revision_id, created_at) VALUES ('"
                + id
                + "', "
                + r
                + ", TIMESTAMP '2020-01-0"
                + r
                + " 00:00:00')");
        sql.add(
            "INSERT INTO entity_revision_meta (entity_id, revision_id, size_bytes) VALUES ('"
                + id
                + "', "
                + r
                + ", 100)");
      }
    }
    sql.add("INSERT INTO entity_revisions (entity_id, revision_id) VALUES ('Q999', 1)");
    sql.add("INSERT INTO entity_revisions (entity_id, revision_id) VALUES ('Q999', 2)");
    sql.add("INSERT INTO entity_delete_audit (entity_id, note) VALUES ('Q2', 'deleted once')");
    sql.add("INSERT INTO entity_delete_audit (entity_id, note) VALUES (NULL, 'lost')");
    database().execute(sql.toArray(String[]::new));
  }

  private RekeyPlan plan(int chunk) throws Exception {
    return new RekeyPlanner(store.database(), chunk)
        .plan(RekeySpec.parse(new ObjectMapper().readTree(SPEC)));
  }

  @Test
  void thePlanClassifiesEveryRowAndWritesNothing() throws Exception {
    seed();
    String before = snapshot();
    RekeyPlan p = plan(1000);
    assertThat(snapshot()).isEqualTo(before);
    assertThat(p.rowsPerTable())
        .containsEntry("entity_head", 7L)
        .containsEntry("entity_revisions", 16L)
        .containsEntry("entity_revision_meta", 14L)
        .containsEntry("entity_delete_audit", 2L);
    assertThat(p.entitiesPerType())
        .containsEntry("item", 3L)
        .containsEntry("property", 1L)
        .containsEntry("lexeme", 1L);
    // X5 and Q05 (the head), Q999's two revisions, the audit row with no entity; the revisions
    // and metadata of X5 and Q05 name rows that exist, so they are not orphans.
    assertThat(p.refusedCount()).isEqualTo(5);
    assertThat(p.refused())
        .extracting(r -> r.table() + " " + r.externalId() + " " + r.rows())
        .contains(
            "entity_head X5 1",
            "entity_head Q05 1",
            "entity_revisions Q999 2",
            "entity_delete_audit null 1");
    assertThat(p.refused()).anySatisfy(r -> assertThat(r.reason()).contains("prefix 'X'"));
    assertThat(p.refused()).anySatisfy(r -> assertThat(r.reason()).startsWith("orphan"));
    // The parent's 7 IDs; per child its count, and each distinct value with its rows (revisions:
    // 7 entities + Q999; metadata: 7; audit: Q2, the NULL row counted only in the total).
    assertThat(p.source().rows()).isEqualTo(7 + 3 + 8 + 7 + 1);
    assertThat(p.steps()).anySatisfy(s -> assertThat(s).contains("min of entity_revisions"));
  }

  @Test
  void aChildRowMovedToAnotherEntityChangesTheFingerprint() throws Exception {
    seed();
    RekeyPlan before = plan(1000);
    database().execute("UPDATE entity_delete_audit SET entity_id = 'Q1' WHERE entity_id = 'Q2'");
    assertThat(plan(1000).source().checksum()).isNotEqualTo(before.source().checksum());
  }

  @Test
  void pagingGivesTheSamePlanWhateverTheChunk() throws Exception {
    seed();
    RekeyPlan whole = plan(1000);
    RekeyPlan paged = plan(2);
    assertThat(paged).isEqualTo(whole);
  }

  @Test
  void registeredEntitiesAreKeptAndADisagreeingTypeIsRefused() throws Exception {
    seed();
    store.registry().register(List.of("Q1"), Optional.empty());
    database()
        .execute(
            "INSERT INTO entity_id_mapping (internal_id, external_id, entity_type)"
                + " VALUES (4611686018427387904, 'P31', 'item')");
    RekeyPlan p = plan(1000);
    assertThat(p.alreadyRegistered()).isEqualTo(2);
    assertThat(p.refused())
        .anySatisfy(
            r -> {
              assertThat(r.externalId()).isEqualTo("P31");
              assertThat(r.reason())
                  .contains("registered with entity type item")
                  .contains("means property");
            });
    assertThat(p.refusedCount()).isEqualTo(6);
  }

  @Test
  void aNewColumnAlreadyHoldingAnotherInternalIdIsRefused() throws Exception {
    seed();
    String q1 =
        store
            .registry()
            .register(List.of("Q1", "Q2"), Optional.empty())
            .ids()
            .get(0)
            .mapping()
            .internalId()
            .toString();
    database()
        .execute(
            "ALTER TABLE entity_head ADD COLUMN internal_id BIGINT",
            "UPDATE entity_head SET internal_id = 5 WHERE entity_id = 'Q1'",
            "UPDATE entity_head SET internal_id = " + q1 + " WHERE entity_id = 'Q10'");
    RekeyPlan p = plan(2);
    assertThat(p.alreadyRegistered()).isEqualTo(2);
    assertThat(p.refused())
        .anySatisfy(
            r ->
                assertThat(r.reason())
                    .isEqualTo(
                        "entity_head.internal_id holds 5, but the registry maps Q1 to " + q1));
    // Q10 is not registered yet: apply will register it and fill its column; the plan only
    // compares rows the registry holds. X5, Q05, Q999 (2 rows), NULL, and Q1.
    assertThat(p.refusedCount()).isEqualTo(6);
  }

  @Test
  void aSpecNamingWhatIsNotThereIsRefusedAndBadSpecsAreNamed() throws Exception {
    ObjectMapper json = new ObjectMapper();
    RekeySpec missing =
        RekeySpec.parse(json.readTree(SPEC.replace("entity_revision_meta", "entity_meta")));
    assertThatThrownBy(() -> new RekeyPlanner(store.database(), 10).plan(missing))
        .isInstanceOf(IdMinterException.class)
        .hasMessageContaining("entity_meta.entity_id, which this database does not have");
    assertThatThrownBy(
            () -> RekeySpec.parse(json.readTree(SPEC.replace("\"entity_head\"", "\"x; DROP\""))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("\"parent.table\" is 'x; DROP'");
    assertThatThrownBy(
            () -> RekeySpec.parse(json.readTree(SPEC.replace("\"children\"", "\"childs\""))))
        .hasMessageContaining("unknown field \"childs\"");
    assertThatThrownBy(() -> RekeySpec.parse(json.readTree(SPEC.replace("\"item\"", "\"thing\""))))
        .hasMessageContaining("'thing'");
    assertThatThrownBy(() -> RekeySpec.parse(json.readTree(SPEC.replace("\"min\"", "\"avg\""))))
        .hasMessageContaining("'avg': expected min or max");
  }

  /** Every spec table's rows, sorted, as text. */
  private String snapshot() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = database().connect();
        Statement s = c.createStatement()) {
      for (String t : TABLES) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
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
        out.append("== ").append(t).append('\n').append(String.join("\n", rows)).append('\n');
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM entity_id_mapping")) {
        rs.next();
        out.append("mappings ").append(rs.getLong(1));
      }
    }
    return out.toString();
  }
}
