package org.idminter.pipeline.search;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.Minter;
import org.idminter.core.ProgressListener;
import org.idminter.core.Sleeper;
import org.idminter.pipeline.IdentifyRun;
import org.idminter.pipeline.RunReport;

/**
 * identify between search indexes: the one identify loop ({@link IdentifyRun}) from a paging source
 * ({@link SearchSource}) to a bulk sink ({@link BulkSink}) on the engine found at the URL.
 */
public final class SearchRun {
  /** Where to read and write. */
  public record Target(
      String url,
      Optional<String> apiKey,
      Optional<String> user,
      Optional<String> password,
      String sourceIndex,
      String targetIndex) {
    public static final String DEFAULT_SOURCE_INDEX = "works-source";
    public static final String DEFAULT_TARGET_INDEX = "works-identified";

    /**
     * The one reading of the search settings for {@code run} and the Lambda handler: each of
     * ES_URL, ES_API_KEY, ES_USER, ES_PASSWORD, ES_SOURCE_INDEX and ES_TARGET_INDEX from {@code
     * given} (values the caller was given explicitly, by those names), else from the environment;
     * the indexes default to works-source and works-identified.
     *
     * @throws InvalidInputException when no URL is given either way
     */
    public static Target resolve(Map<String, String> given, Map<String, String> env) {
      java.util.function.Function<String, Optional<String>> value =
          name ->
              Optional.ofNullable(given.get(name))
                  .or(() -> Optional.ofNullable(env.get(name)))
                  .filter(v -> !v.isBlank());
      return new Target(
          value
              .apply("ES_URL")
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "ES_URL is not set: the run needs the search engine's URL")),
          value.apply("ES_API_KEY"),
          value.apply("ES_USER"),
          value.apply("ES_PASSWORD"),
          value.apply("ES_SOURCE_INDEX").orElse(DEFAULT_SOURCE_INDEX),
          value.apply("ES_TARGET_INDEX").orElse(DEFAULT_TARGET_INDEX));
    }
  }

  private final SearchClient client;
  private final Target target;
  private final Minter minter;
  private final int batchSize;
  private final Sleeper sleeper;

  public SearchRun(Target target, Minter minter, int batchSize, RandomGenerator jitter) {
    this(target, minter, batchSize, jitter, Sleeper.REAL);
  }

  /** With the waits between retries injected (tests). */
  public SearchRun(
      Target target, Minter minter, int batchSize, RandomGenerator jitter, Sleeper sleeper) {
    this.client =
        new SearchClient(
            target.url(), target.apiKey(), target.user(), target.password(), jitter, sleeper);
    this.target = target;
    this.minter = minter;
    this.batchSize = batchSize;
    this.sleeper = sleeper;
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
    try (SearchSource source = new SearchSource(client, engine, target.sourceIndex(), scope);
        BulkSink sink = new BulkSink(client, target.targetIndex(), sleeper)) {
      return new IdentifyRun(minter, batchSize).run(source, sink, report, progress);
    } catch (IOException e) {
      throw new IdMinterException("the search run failed: " + e.getMessage(), e);
    }
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
}
