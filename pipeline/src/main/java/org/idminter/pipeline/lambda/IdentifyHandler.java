package org.idminter.pipeline.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.idminter.core.ProgressListener;
import org.idminter.core.io.AtomicFile;
import org.idminter.pipeline.JobIds;
import org.idminter.pipeline.RunReport;
import org.idminter.pipeline.search.SearchRun;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;

/**
 * The AWS Lambda (Step Functions) entry point: {@code
 * org.idminter.pipeline.lambda.IdentifyHandler}. Configuration comes from the same environment
 * variables as the CLI (IDMINTER_DB_* or RDS_*, ES_URL, ES_API_KEY or ES_USER/ES_PASSWORD,
 * ES_SOURCE_INDEX, ES_TARGET_INDEX) plus IDMINTER_REPORT_DIR (default /tmp/idminter-reports). The
 * response carries counts and the report's location, never the report itself.
 */
public final class IdentifyHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final Map<String, String> env;
  private final Clock clock;
  private final RandomGenerator random;
  private IdStore store; // kept across warm invocations

  public IdentifyHandler() {
    this(System.getenv(), Clock.systemUTC(), new SecureRandom());
  }

  public IdentifyHandler(Map<String, String> env, Clock clock, RandomGenerator random) {
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    LambdaRequest request = LambdaRequest.parse(input);
    String job = JobIds.orDefault(request.jobId(), clock, random);
    SearchRun.Target target = SearchRun.Target.resolve(Map.of(), env);
    RunReport report = new RunReport(job, SearchRun.window(request.scope()));
    new SearchRun(target, store().minter(), 500, random)
        .run(request.scope(), report, ProgressListener.NONE);
    Path file =
        Path.of(get("IDMINTER_REPORT_DIR").orElse("/tmp/idminter-reports"))
            .resolve("identify-" + job + ".json");
    // A retried invocation of the same job replaces its report.
    report.write(AtomicFile.prepare(file, true, "the report"));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("job_id", job);
    response.put("outcome", report.outcome());
    response.put("window", SearchRun.window(request.scope()).orElse(null));
    response.put("success_count", report.successCount());
    response.put("failure_count", report.failureCount());
    response.put("report_uri", file.toAbsolutePath().toUri().toString());
    return response;
  }

  private synchronized IdStore store() {
    if (store == null) {
      store = IdStore.builder(StoreConfig.resolve(StoreConfig.Overrides.NONE, env), random).open();
    }
    return store;
  }

  private Optional<String> get(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }
}
