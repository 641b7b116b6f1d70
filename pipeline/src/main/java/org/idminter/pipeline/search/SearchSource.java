package org.idminter.pipeline.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.idminter.core.ErrorCode;
import org.idminter.pipeline.Source;
import org.idminter.pipeline.Work;

/**
 * The works of a scope, read from the source index with a point in time and {@code search_after}
 * paging on a unique sort key. Ids named by the scope that the index does not hold come last, as
 * unreadable works.
 */
final class SearchSource implements Source {
  private static final String KEEP_ALIVE = "5m";

  private final SearchClient client;
  private final SearchEngine engine;
  private final String index;
  private final Scope scope;
  private final Set<String> seen = new HashSet<>();
  private String pit;
  private JsonNode after;
  private boolean exhausted;
  private boolean missingReported;

  SearchSource(SearchClient client, SearchEngine engine, String index, Scope scope) {
    this.client = client;
    this.engine = engine;
    this.index = index;
    this.scope = scope;
  }

  @Override
  public List<Work> next(int count) {
    if (exhausted) {
      return missing();
    }
    if (pit == null) {
      pit = engine.pitId(client.json("POST", engine.openPitPath(index, KEEP_ALIVE), null));
    }
    JsonNode page = client.json("POST", "/_search", searchBody(count));
    pit = page.has("pit_id") ? page.get("pit_id").asText() : pit;
    ArrayNode hits = (ArrayNode) page.path("hits").path("hits");
    List<Work> works = new ArrayList<>();
    for (JsonNode hit : hits) {
      seen.add(hit.path("_id").asText());
      works.add(Work.of(hit.path("_id").asText(), hit.path("_source")));
    }
    if (hits.size() < count) {
      exhausted = true;
    } else {
      after = hits.get(hits.size() - 1).path("sort");
    }
    return works.isEmpty() ? missing() : works;
  }

  private List<Work> missing() {
    if (missingReported) {
      return List.of();
    }
    missingReported = true;
    List<Work> missing = new ArrayList<>();
    for (String id : scope.ids()) {
      if (!seen.contains(id)) {
        missing.add(
            Work.unreadable(
                id, ErrorCode.NOT_FOUND, "no document with this id in the source index " + index));
      }
    }
    return missing;
  }

  private ObjectNode searchBody(int size) {
    ObjectNode body = SearchClient.JSON.createObjectNode();
    body.put("size", size);
    ObjectNode query = body.putObject("query");
    if (!scope.ids().isEmpty()) {
      ArrayNode values = query.putObject("ids").putArray("values");
      scope.ids().forEach(values::add);
    } else if (scope.windowEnd().isPresent()) {
      ObjectNode range = query.putObject("range").putObject("indexed_at");
      range.put("gte", DateTimeFormatter.ISO_INSTANT.format(scope.windowStart().orElseThrow()));
      range.put("lte", DateTimeFormatter.ISO_INSTANT.format(scope.windowEnd().get()));
    } else {
      query.putObject("match_all");
    }
    ObjectNode pitNode = body.putObject("pit");
    pitNode.put("id", pit);
    pitNode.put("keep_alive", KEEP_ALIVE);
    body.putArray("sort").addObject().put(engine.tiebreaker, "asc");
    if (after != null) {
      body.set("search_after", after);
    }
    return body;
  }

  /** Closes the point in time, if one was opened. */
  @Override
  public void close() {
    if (pit != null) {
      client.json("DELETE", engine.closePitPath, engine.closePitBody(pit));
    }
  }
}
