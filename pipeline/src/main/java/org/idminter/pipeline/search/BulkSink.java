package org.idminter.pipeline.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.idminter.core.IdMinterException;
import org.idminter.core.Sleeper;
import org.idminter.core.document.ExactJson;
import org.idminter.pipeline.Failure;
import org.idminter.pipeline.Failure.Stage;
import org.idminter.pipeline.Sink;

/**
 * Identified works bulk-written to the target index with the work's canonical ID as document {@code
 * _id}. Per-document errors become {@code index} failures; documents the engine answers 429 (too
 * many requests) are sent again with backoff, a bounded number of times.
 */
final class BulkSink implements Sink {
  private static final int MAX_ATTEMPTS = 6;

  private final SearchClient client;
  private final String index;
  private final Sleeper sleeper;

  BulkSink(SearchClient client, String index, Sleeper sleeper) {
    this.client = client;
    this.index = index;
    this.sleeper = sleeper;
  }

  @Override
  public List<Refused> write(List<Written> works) {
    List<Refused> refused = new ArrayList<>();
    List<Written> pending = works;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      StringBuilder body = new StringBuilder();
      for (Written w : pending) {
        ObjectNode action = ExactJson.MAPPER.createObjectNode();
        action.putObject("index").put("_index", index).put("_id", w.canonicalId());
        body.append(ExactJson.write(action)).append('\n').append(w.json()).append('\n');
      }
      SearchClient.Response r =
          client.send("POST", "/_bulk", body.toString(), "application/x-ndjson");
      if (r.status() >= 300) {
        throw new IdMinterException(
            "bulk write to "
                + index
                + " failed with HTTP "
                + r.status()
                + ": "
                + SearchClient.reason(r.body()));
      }
      List<Written> again = new ArrayList<>();
      JsonNode items = r.body().path("items");
      for (int k = 0; k < pending.size(); k++) {
        JsonNode result = items.path(k).path("index");
        int status = result.path("status").asInt(500);
        if (status == 429 && attempt < MAX_ATTEMPTS) {
          again.add(pending.get(k));
        } else if (status >= 300) {
          refused.add(
              new Refused(
                  pending.get(k),
                  new Failure(
                      pending.get(k).position(),
                      Stage.INDEX,
                      "the target index refused the document: "
                          + result.path("error").path("type").asText("")
                          + ": "
                          + result.path("error").path("reason").asText(""))));
        }
      }
      pending = again;
      if (!pending.isEmpty()) {
        backoff(attempt);
      }
    }
    return refused;
  }

  private void backoff(int attempt) {
    try {
      sleeper.sleep(Duration.ofMillis(100L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdMinterException("interrupted while retrying a bulk write", e);
    }
  }

  @Override
  public void close() {}
}
