package org.idminter.pipeline.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
import org.idminter.pipeline.JobIds;
import org.idminter.pipeline.search.Scope;

/**
 * A Step Functions request: {@code {"sourceIdentifiers": […], "jobId": "…"}}, {@code {"window":
 * {"endTime": "…", "startTime": "…"}, "jobId": "…"}} or {@code {"full": true}}; camelCase or
 * snake_case keys. Anything else is refused with a message saying what is wrong.
 */
public record LambdaRequest(Scope scope, Optional<String> jobId) {
  /** Ids one request may name: a page of a Step Functions map, not a whole index. */
  public static final int MAX_IDS = 10_000;

  /** Bytes of one id in UTF-8: the longest document id Elasticsearch and OpenSearch accept. */
  public static final int MAX_ID_BYTES = 512;

  public static LambdaRequest parse(Map<String, Object> input) {
    if (input == null) {
      throw new InvalidInputException(
          "empty request: give sourceIdentifiers, a window, or \"full\": true");
    }
    Object ids = either(input, "sourceIdentifiers", "source_identifiers");
    Object window = input.get("window");
    Object full = input.get("full");
    Optional<String> jobId =
        Optional.ofNullable(either(input, "jobId", "job_id"))
            .map(j -> JobIds.check(string(j, "jobId")));
    if (ids != null && window != null) {
      throw new InvalidInputException("give either sourceIdentifiers or a window, not both");
    }
    boolean isFull = full != null && Boolean.TRUE.equals(full);
    if (full != null && !(full instanceof Boolean)) {
      throw new InvalidInputException("\"full\" must be true or false");
    }
    if (isFull && (ids != null || window != null)) {
      throw new InvalidInputException(
          "\"full\": true cannot be combined with sourceIdentifiers or a window");
    }
    if (ids != null) {
      if (!(ids instanceof List<?> list)) {
        throw new InvalidInputException("sourceIdentifiers must be a list of strings");
      }
      if (list.isEmpty()) {
        throw new InvalidInputException(
            "sourceIdentifiers is empty: give at least one id, a window, or \"full\": true");
      }
      if (list.size() > MAX_IDS) {
        throw new InvalidInputException(
            String.format(
                "sourceIdentifiers has %,d ids, more than the %,d one request may name: split the"
                    + " request, or use a window or \"full\": true",
                list.size(), MAX_IDS));
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String id = string(list.get(i), "sourceIdentifiers[" + i + "]");
        int bytes = id.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ID_BYTES) {
          throw new InvalidInputException(
              String.format(
                  "sourceIdentifiers[%d] is %,d bytes long, more than the %d a search index"
                      + " accepts as a document id",
                  i, bytes, MAX_ID_BYTES));
        }
        values.add(id);
      }
      return new LambdaRequest(Scope.ofIds(values), jobId);
    }
    if (window != null) {
      if (!(window instanceof Map<?, ?> w)) {
        throw new InvalidInputException(
            "window must be an object with endTime (and optionally startTime)");
      }
      Object end = either(w, "endTime", "end_time");
      if (end == null) {
        throw new InvalidInputException("window.endTime is missing");
      }
      Object start = either(w, "startTime", "start_time");
      return new LambdaRequest(
          Scope.window(
              Optional.ofNullable(start).map(s -> time(s, "window.startTime")),
              time(end, "window.endTime")),
          jobId);
    }
    if (isFull) {
      return new LambdaRequest(Scope.all(), jobId);
    }
    throw new InvalidInputException(
        "no scope: give sourceIdentifiers, a window, or \"full\": true to identify the whole"
            + " source index");
  }

  private static Object either(Map<?, ?> map, String camel, String snake) {
    Object a = map.get(camel);
    return a != null ? a : map.get(snake);
  }

  private static String string(Object value, String name) {
    if (!(value instanceof String s)) {
      throw new InvalidInputException(name + " must be a string");
    }
    if (s.isBlank()) {
      throw new InvalidInputException(name + " is blank");
    }
    return s;
  }

  private static Instant time(Object value, String name) {
    return Scope.time(name, string(value, name));
  }
}
