package org.idminter.pipeline.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.idminter.core.IdMinterException;
import org.idminter.core.Minter;
import org.idminter.core.document.ExactJson;
import org.idminter.pipeline.BatchIdentifier;
import org.idminter.pipeline.Failure;
import org.idminter.pipeline.Failure.Stage;
import org.idminter.pipeline.JsonLinesRun;
import org.idminter.pipeline.Outcome;
import org.idminter.pipeline.RunReport;
import org.idminter.pipeline.Work;
import org.idminter.store.pool.ProgressListener;

/**
 * identify between search indexes: reads the scope from the source index with a point in time and
 * search_after paging, identifies a page at a time, and bulk-writes the identified works to the
 * target index with the work's canonical ID as document {@code _id}. Per-document bulk errors
 * become {@code index} failures.
 */
public final class SearchRun {
  private static final String KEEP_ALIVE = "5m";

  /** Where to read and write. */
  public record Target(
      String url,
      Optional<String> apiKey,
      Optional<String> user,
      Optional<String> password,
      String sourceIndex,
      String targetIndex) {}

  private final SearchClient client;
  private final Target target;
  private final BatchIdentifier identifier;
  private final int batchSize;

  public SearchRun(Target target, Minter minter, int batchSize, RandomGenerator jitter) {
    this.client =
        new SearchClient(target.url(), target.apiKey(), target.user(), target.password(), jitter);
    this.target = target;
    this.identifier = new BatchIdentifier(minter);
    this.batchSize = batchSize;
  }

  /** The report's window field for a scope, if it has one. */
  public static Optional<Map<String, String>> window(Scope scope) {
    if (scope.windowEnd().isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> w = new LinkedHashMap<>();
    w.put("start", DateTimeFormatter.ISO_INSTANT.format(scope.windowStart().orElseThrow()));
    w.put("end", DateTimeFormatter.ISO_INSTANT.format(scope.windowEnd().get()));
    return Optional.of(w);
  }

  public RunReport run(Scope scope, RunReport report, ProgressListener progress) {
    SearchEngine engine = detect();
    String pit =
        engine.pitId(
            client.json("POST", engine.openPitPath(target.sourceIndex(), KEEP_ALIVE), null));
    Set<String> seen = new HashSet<>();
    long done = 0;
    try {
      JsonNode after = null;
      while (true) {
        JsonNode page = client.json("POST", "/_search", searchBody(engine, scope, pit, after));
        pit = page.has("pit_id") ? page.get("pit_id").asText() : pit;
        ArrayNode hits = (ArrayNode) page.path("hits").path("hits");
        if (hits.isEmpty()) {
          break;
        }
        List<Work> works = new ArrayList<>();
        for (JsonNode hit : hits) {
          seen.add(hit.path("_id").asText());
          works.add(Work.of(hit.path("_id").asText(), hit.path("_source")));
        }
        write(works, identifier.identify(works), report);
        done += works.size();
        progress.progress(done, -1);
        after = hits.get(hits.size() - 1).path("sort");
        if (hits.size() < batchSize) {
          break;
        }
      }
    } finally {
      client.json("DELETE", engine.closePitPath, engine.closePitBody(pit));
    }
    for (String id : scope.ids()) {
      if (!seen.contains(id)) {
        report.failed(
            new Failure(
                id,
                Stage.EXTRACT_ID,
                "no document with this id in the source index " + target.sourceIndex()));
      }
    }
    return report;
  }

  private SearchEngine detect() {
    SearchClient.Response r = client.send("GET", "/", null, "application/json");
    if (r.product().isPresent()) {
      return SearchEngine.ELASTICSEARCH;
    }
    if ("opensearch".equals(r.body().path("version").path("distribution").asText())) {
      return SearchEngine.OPENSEARCH;
    }
    if (r.status() == 401 || r.status() == 403) {
      throw new IdMinterException(
          "the search engine at "
              + client.url()
              + " refused the credentials (HTTP "
              + r.status()
              + ")");
    }
    throw new IdMinterException(
        "the service at "
            + client.url()
            + " is neither Elasticsearch 8 nor OpenSearch 2 (HTTP "
            + r.status()
            + ")");
  }

  private ObjectNode searchBody(SearchEngine engine, Scope scope, String pit, JsonNode after) {
    ObjectNode body = SearchClient.JSON.createObjectNode();
    body.put("size", batchSize);
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

  private void write(List<Work> works, List<Outcome> outcomes, RunReport report) {
    List<String> entries = new ArrayList<>(); // one "action\ndocument\n" per sent work
    List<Integer> sent = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof Outcome.Failed failed) {
        report.failed(failed.failure());
        continue;
      }
      Outcome.Identified o = (Outcome.Identified) outcomes.get(i);
      Optional<String> document = JsonLinesRun.written(o, report);
      if (document.isEmpty()) {
        continue;
      }
      ObjectNode action = ExactJson.MAPPER.createObjectNode();
      action.putObject("index").put("_index", target.targetIndex()).put("_id", o.canonicalId());
      entries.add(ExactJson.write(action) + "\n" + document.get() + "\n");
      sent.add(i);
    }
    // Documents the engine rejects with 429 (too many requests) are sent again, with backoff, a
    // bounded number of times.
    List<Integer> pending =
        new ArrayList<>(java.util.stream.IntStream.range(0, sent.size()).boxed().toList());
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      StringBuilder body = new StringBuilder();
      for (int j : pending) {
        body.append(entries.get(j));
      }
      SearchClient.Response r =
          client.send("POST", "/_bulk", body.toString(), "application/x-ndjson");
      if (r.status() >= 300) {
        throw new IdMinterException(
            "bulk write to "
                + target.targetIndex()
                + " failed with HTTP "
                + r.status()
                + ": "
                + SearchClient.reason(r.body()));
      }
      List<Integer> again = new ArrayList<>();
      JsonNode items = r.body().path("items");
      for (int k = 0; k < pending.size(); k++) {
        int j = pending.get(k);
        Outcome.Identified o = (Outcome.Identified) outcomes.get(sent.get(j));
        JsonNode result = items.path(k).path("index");
        int status = result.path("status").asInt(500);
        if (status == 429 && attempt < 6) {
          again.add(j);
        } else if (status >= 300) {
          report.failed(
              new Failure(
                  works.get(sent.get(j)).position(),
                  Stage.INDEX,
                  "the target index refused the document: "
                      + result.path("error").path("type").asText("")
                      + ": "
                      + result.path("error").path("reason").asText("")));
        } else {
          report.succeeded(o.canonicalId());
        }
      }
      pending = again;
      if (!pending.isEmpty()) {
        try {
          Thread.sleep(100L << attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IdMinterException("interrupted while retrying a bulk write", e);
        }
      }
    }
  }
}
