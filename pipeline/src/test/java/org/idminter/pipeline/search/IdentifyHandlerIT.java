package org.idminter.pipeline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.Sleeper;
import org.idminter.pipeline.lambda.IdentifyHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lambda handler end to end: a real Elasticsearch node and an in-memory H2 database. */
class IdentifyHandlerIT {
  @TempDir Path reports;

  @Test
  void handlerIdentifiesTheRequestedScopeAndReturnsCountsAndTheReportLocationOnly()
      throws Exception {
    String url = SearchNodes.elasticsearch();
    SearchClient client =
        new SearchClient(
            url, Optional.empty(), Optional.empty(), Optional.empty(), new Random(1), Sleeper.REAL);
    String source = "lambda-source-" + System.nanoTime();
    client.json(
        "PUT", "/" + source, SearchClient.JSON.readTree("{\"mappings\": {\"dynamic\": false}}"));
    String doc =
        "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"sierra-system-number\"},"
            + " \"ontologyType\": \"Work\", \"value\": \"b%d\"}}}";
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      bulk.append("{\"index\": {\"_index\": \"")
          .append(source)
          .append("\", \"_id\": \"Work[sierra-system-number/b")
          .append(i)
          .append("]\"}}\n")
          .append(String.format(doc, i))
          .append('\n');
    }
    client.send("POST", "/_bulk?refresh=true", bulk.toString(), "application/x-ndjson");
    Map<String, String> env =
        Map.of(
            "IDMINTER_DB_URL",
            "jdbc:h2:mem:lambda;DB_CLOSE_DELAY=-1",
            "APPLY_MIGRATIONS",
            "true",
            "ES_URL",
            url,
            "ES_SOURCE_INDEX",
            source,
            "ES_TARGET_INDEX",
            source + "-out",
            "IDMINTER_REPORT_DIR",
            reports.toString());
    IdentifyHandler handler =
        new IdentifyHandler(
            env, Clock.fixed(Instant.parse("2026-11-21T10:15:00Z"), ZoneOffset.UTC), new Random(4));

    Map<String, Object> response =
        handler.handleRequest(
            Map.of(
                "source_identifiers",
                List.of("Work[sierra-system-number/b0]", "Work[sierra-system-number/b2]")),
            null);
    assertThat(response.keySet())
        .containsExactly(
            "job_id", "outcome", "window", "success_count", "failure_count", "report_uri");
    assertThat((String) response.get("job_id")).matches("20261121T101500-[0-9a-f]{4}");
    assertThat(response)
        .containsEntry("outcome", "succeeded")
        .containsEntry("success_count", 2L)
        .containsEntry("failure_count", 0L);
    Path report = Path.of(java.net.URI.create((String) response.get("report_uri")));
    assertThat(Files.readString(report)).contains("\"successful_ids\"");

    Map<String, Object> full = handler.handleRequest(Map.of("full", true, "jobId", "all"), null);
    assertThat(full).containsEntry("job_id", "all").containsEntry("success_count", 3L);
    assertThatThrownBy(() -> handler.handleRequest(Map.of("jobId", "x"), null))
        .hasMessageContaining("full");
  }
}
