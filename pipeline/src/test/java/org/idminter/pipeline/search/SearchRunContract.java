package org.idminter.pipeline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.ProgressListener;
import org.idminter.core.Sleeper;
import org.idminter.pipeline.Failure;
import org.idminter.pipeline.RunReport;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** identify between indexes on a real node, by subclassing per engine. */
abstract class SearchRunContract {
  private static final TestDatabase DB = TestDatabases.h2();

  protected abstract String url();

  private SearchClient client;
  private IdStore store;
  private String source;
  private String target;

  @BeforeEach
  void setUp() {
    client =
        new SearchClient(
            url(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Random(1),
            Sleeper.REAL);
    store = IdStore.builder(DB.config(), new Random(2)).open();
    source = "works-source-" + System.nanoTime();
    target = "works-identified-" + System.nanoTime();
    client.json(
        "PUT",
        "/" + source,
        json(
            "{\"settings\": {\"number_of_shards\": 3, \"number_of_replicas\": 0},"
                + " \"mappings\": {\"dynamic\": false, \"properties\": {\"indexed_at\": {\"type\": \"date\"}}}}"));
    client.json(
        "PUT",
        "/" + target,
        json("{\"settings\": {\"number_of_replicas\": 0}, \"mappings\": {\"dynamic\": false}}"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static JsonNode json(String text) {
    try {
      return SearchClient.JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Indexes n Sierra works (b0..b{n-1}) indexed at t0 + i minutes, plus any extra raw documents.
   */
  private void seed(int n, Instant t0, String... extra) {
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String id = "Work[sierra-system-number/b" + i + "]";
      bulk.append("{\"index\": {\"_index\": \"")
          .append(source)
          .append("\", \"_id\": \"")
          .append(id)
          .append("\"}}\n");
      bulk.append(
              "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"sierra-system-number\"},"
                  + " \"ontologyType\": \"Work\", \"value\": \"b")
          .append(i)
          .append(
              "\"}, \"canonicalId\": null},"
                  + " \"data\": {\"items\": [{\"id\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"sierra-system-number\"},"
                  + " \"ontologyType\": \"Item\", \"value\": \"i")
          .append(i)
          .append("\"}, \"type\": \"Identifiable\"}}]}," + " \"indexed_at\": \"")
          .append(t0.plusSeconds(60L * i))
          .append("\"}\n");
    }
    for (String e : extra) {
      bulk.append(e).append('\n');
    }
    SearchClient.Response r =
        client.send("POST", "/_bulk?refresh=true", bulk.toString(), "application/x-ndjson");
    assertThat(r.body().path("errors").asBoolean()).as("%s", r.body()).isFalse();
  }

  private RunReport run(Scope scope, int batch) {
    RunReport report = new RunReport("job", SearchRun.window(scope));
    new SearchRun(
            new SearchRun.Target(
                url(), Optional.empty(), Optional.empty(), Optional.empty(), source, target),
            store.minter(),
            batch,
            new Random(3))
        .run(scope, report, ProgressListener.NONE);
    client.json("POST", "/" + target + "/_refresh", null);
    return report;
  }

  private List<JsonNode> targetDocs() {
    JsonNode r = client.json("POST", "/" + target + "/_search", json("{\"size\": 1000}"));
    List<JsonNode> out = new ArrayList<>();
    r.path("hits").path("hits").forEach(out::add);
    return out;
  }

  @Test
  void fullScopePagesOverSeveralPagesAndWritesEachWorkUnderItsCanonicalId() {
    seed(23, Instant.parse("2026-01-01T00:00:00Z"));
    RunReport report = run(Scope.all(), 5);
    assertThat(report.successCount()).isEqualTo(23);
    assertThat(report.failureCount()).isZero();
    List<JsonNode> docs = targetDocs();
    assertThat(docs).hasSize(23);
    for (JsonNode hit : docs) {
      assertThat(hit.path("_id").asText()).isEqualTo(hit.at("/_source/state/canonicalId").asText());
      assertThat(hit.at("/_source/data/items/0/id/type").asText()).isEqualTo("Identified");
    }
  }

  @Test
  void sourceIdentifiersScopeReadsOnlyThoseAndReportsUnknownOnes() {
    seed(10, Instant.parse("2026-01-01T00:00:00Z"));
    RunReport report =
        run(
            Scope.ofIds(
                List.of(
                    "Work[sierra-system-number/b3]",
                    "Work[sierra-system-number/b7]",
                    "Work[sierra-system-number/nope]")),
            500);
    assertThat(report.successCount()).isEqualTo(2);
    assertThat(report.errors())
        .extracting(Failure::rowId, f -> f.stage().wireName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Work[sierra-system-number/nope]", "extract_id"));
    assertThat(targetDocs())
        .extracting(h -> h.at("/_source/state/sourceIdentifier/value").asText())
        .containsExactlyInAnyOrder("b3", "b7");
  }

  @Test
  void windowScopeIsInclusiveOnIndexedAt() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    seed(30, t0);
    RunReport report =
        run(Scope.window(Optional.of(t0.plusSeconds(60 * 10)), t0.plusSeconds(60 * 14)), 2);
    assertThat(report.successCount()).isEqualTo(5);
    assertThat(report.toMap().get("window")).isNotNull();
    assertThat(targetDocs())
        .extracting(h -> h.at("/_source/state/sourceIdentifier/value").asText())
        .containsExactlyInAnyOrder("b10", "b11", "b12", "b13", "b14");
    // the start defaults to the end minus 15 minutes
    assertThat(Scope.window(Optional.empty(), t0.plusSeconds(3600)).windowStart())
        .contains(t0.plusSeconds(2700));
  }

  @Test
  void bulkFailuresBecomeIndexFailuresAndOthersAreWritten() {
    client.json("DELETE", "/" + target, null);
    client.json(
        "PUT",
        "/" + target,
        json(
            "{\"settings\": {\"number_of_replicas\": 0}, \"mappings\": {\"dynamic\": false,"
                + " \"properties\": {\"indexed_at\": {\"type\": \"integer\"}}}}"));
    seed(
        3,
        Instant.parse("2026-01-01T00:00:00Z"),
        "{\"index\": {\"_index\": \"" + source + "\", \"_id\": \"Work[sierra-system-number/ok]\"}}",
        "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"sierra-system-number\"}, \"ontologyType\": \"Work\","
            + " \"value\": \"ok\"}}, \"indexed_at\": 5}",
        "{\"index\": {\"_index\": \"" + source + "\", \"_id\": \"Work[broken]\"}}",
        "{\"data\": {}, \"indexed_at\": 6}");
    RunReport report = run(Scope.all(), 500);
    assertThat(report.successCount()).isEqualTo(1);
    assertThat(report.failureCount()).isEqualTo(4);
    assertThat(report.errors())
        .filteredOn(f -> f.stage() == Failure.Stage.INDEX)
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.detail()).contains("the target index refused the document"));
    assertThat(report.errors())
        .filteredOn(f -> f.stage() == Failure.Stage.EXTRACT_ID)
        .singleElement()
        .satisfies(f -> assertThat(f.rowId()).isEqualTo("Work[broken]"));
    assertThat(targetDocs()).hasSize(1);
  }

  @Test
  void aRunWithoutScopeIsRefused() {
    assertThatThrownBy(() -> new Scope(List.of(), Optional.empty(), Optional.empty(), false))
        .hasMessageContaining("full");
    assertThatThrownBy(() -> Scope.ofIds(List.of())).hasMessageContaining("empty");
    assertThatThrownBy(() -> Scope.ofIds(List.of("a", " "))).hasMessageContaining("blank");
  }
}
