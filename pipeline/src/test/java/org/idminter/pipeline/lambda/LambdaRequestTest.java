package org.idminter.pipeline.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class LambdaRequestTest {
  @Test
  void acceptsIdsWindowsAndFullInCamelCaseAndSnakeCase() {
    LambdaRequest ids =
        LambdaRequest.parse(
            Map.of("sourceIdentifiers", List.of("Work[s/1]", "Work[s/2]"), "jobId", "j1"));
    assertThat(ids.scope().ids()).containsExactly("Work[s/1]", "Work[s/2]");
    assertThat(ids.jobId()).contains("j1");
    assertThat(
            LambdaRequest.parse(Map.of("source_identifiers", List.of("Work[s/1]"), "job_id", "j2"))
                .jobId())
        .contains("j2");

    LambdaRequest window =
        LambdaRequest.parse(
            Map.of(
                "window",
                Map.of("endTime", "2026-01-01T12:00:00Z", "startTime", "2026-01-01T11:00:00Z")));
    assertThat(window.scope().windowStart()).contains(Instant.parse("2026-01-01T11:00:00Z"));
    LambdaRequest snake =
        LambdaRequest.parse(Map.of("window", Map.of("end_time", "2026-01-01T12:00:00Z")));
    assertThat(snake.scope().windowStart()).contains(Instant.parse("2026-01-01T11:45:00Z"));

    assertThat(LambdaRequest.parse(Map.of("full", true)).scope().full()).isTrue();

    // Without a zone, as the original service and Elasticsearch take it: UTC.
    assertThat(
            LambdaRequest.parse(Map.of("window", Map.of("endTime", "2026-02-10T15:10:00")))
                .scope()
                .windowEnd())
        .contains(Instant.parse("2026-02-10T15:10:00Z"));
    assertThat(
            LambdaRequest.parse(Map.of("window", Map.of("endTime", "2026-02-10T16:10:00+01:00")))
                .scope()
                .windowEnd())
        .contains(Instant.parse("2026-02-10T15:10:00Z"));
  }

  @Test
  void refusesEveryMalformedRequestWithAClearMessage() {
    Map<Map<String, Object>, String> bad = new HashMap<>();
    bad.put(
        Map.of(
            "sourceIdentifiers", List.of("a"), "window", Map.of("endTime", "2026-01-01T12:00:00Z")),
        "not both");
    bad.put(Map.of("sourceIdentifiers", List.of()), "sourceIdentifiers is empty");
    bad.put(Map.of("sourceIdentifiers", List.of("a", " ")), "sourceIdentifiers[1] is blank");
    bad.put(Map.of("sourceIdentifiers", List.of("a", 3)), "sourceIdentifiers[1] must be a string");
    bad.put(Map.of("sourceIdentifiers", "a"), "must be a list");
    bad.put(Map.of("window", Map.of("endTime", " ")), "window.endTime is blank");
    bad.put(
        Map.of("window", Map.of("startTime", "2026-01-01T12:00:00Z")), "window.endTime is missing");
    bad.put(
        Map.of("window", Map.of("endTime", "yesterday")),
        "bad window.endTime 'yesterday': expected an ISO date-time");
    bad.put(Map.of("jobId", "j"), "\"full\": true");
    bad.put(Map.of(), "\"full\": true");
    bad.put(Map.of("full", false), "\"full\": true");
    bad.put(Map.of("full", "yes"), "\"full\" must be true or false");
    bad.put(Map.of("full", true, "sourceIdentifiers", List.of("a")), "cannot be combined");
    bad.put(Map.of("full", true, "jobId", " "), "jobId is blank");
    bad.put(Map.of("full", true, "jobId", "../" + "x".repeat(331)), "bad job id");
    bad.put(Map.of("full", true, "jobId", "a/b"), "bad job id");
    bad.put(Map.of("full", true, "jobId", "a..b"), "bad job id");
    bad.put(
        Map.of("sourceIdentifiers", java.util.Collections.nCopies(1_000_000, "Work[s/1]")),
        "1,000,000 ids, more than the 10,000");
    bad.put(
        Map.of("sourceIdentifiers", List.of("a", "x".repeat(50_000_000))),
        "sourceIdentifiers[1] is 50,000,000 bytes long");
    bad.forEach(
        (request, message) ->
            assertThatThrownBy(() -> LambdaRequest.parse(request))
                .as("%s", request)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message));
  }
}
