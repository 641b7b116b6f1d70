package org.idminter.cli.command;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.MintingDatabaseOptions;
import org.idminter.cli.support.Progress;
import org.idminter.cli.support.ReportOptions;
import org.idminter.cli.support.Usage;
import org.idminter.core.InvalidInputException;
import org.idminter.core.io.AtomicFile;
import org.idminter.pipeline.RunReport;
import org.idminter.pipeline.search.Scope;
import org.idminter.pipeline.search.SearchRun;
import org.idminter.store.IdStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job between Elasticsearch 8 / OpenSearch 2 indexes. */
@Command(
    name = "run",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./idminter run --es-url http://localhost:9200 --window-end 2026-01-31T12:00:00Z",
      "  ES_API_KEY=… ./idminter run --es-url https://es.example:9243 --source-identifiers Work[sierra-system-number/b1000001]"
    },
    header = "Identify works from an Elasticsearch or OpenSearch source index into a target index.",
    mixinStandardHelpOptions = true,
    description =
        "Identify works from a source index into a target index (Elasticsearch 8 or OpenSearch 2), with exactly one scope: --source-identifiers, --window-end [--window-start], or --full. Same report and exit codes as identify.")
public final class RunCommand implements Callable<Integer> {
  @Option(
      names = "--es-url",
      required = true,
      paramLabel = "URL",
      description = "The search engine, e.g. http://localhost:9200 (env ES_URL; required).")
  String url;

  @Option(
      names = "--es-api-key",
      paramLabel = "KEY",
      description = "API key (env ES_API_KEY; default: none).")
  String apiKey;

  @Option(
      names = "--es-user",
      paramLabel = "USER",
      description = "Basic auth user (env ES_USER; default: none).")
  String user;

  @Option(
      names = "--es-password",
      paramLabel = "PASSWORD",
      description = "Basic auth password (env ES_PASSWORD; default: none).")
  String password;

  @Option(
      names = "--source-index",
      paramLabel = "NAME",
      description = "Default: ES_SOURCE_INDEX, else works-source.")
  String sourceIndex;

  @Option(
      names = "--target-index",
      paramLabel = "NAME",
      description = "Default: ES_TARGET_INDEX, else works-identified.")
  String targetIndex;

  @Option(
      names = "--source-identifiers",
      arity = "1..*",
      paramLabel = "ID",
      description = "Source index document ids.")
  List<String> ids = new ArrayList<>();

  @Option(
      names = "--window-end",
      paramLabel = "TIME",
      description =
          "Inclusive end of the indexed_at window (ISO date-time; without a zone it is UTC).")
  String windowEnd;

  @Option(
      names = "--window-start",
      paramLabel = "TIME",
      description = "Inclusive start (default: end minus 15 minutes).")
  String windowStart;

  @Option(names = "--full", description = "The whole source index (must be explicit).")
  boolean full;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "500",
      description = "Works per page and mint call (default 500).")
  int batchSize;

  @Mixin MintingDatabaseOptions database;

  @Mixin ReportOptions reports;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Scope scope;
    try {
      scope = scope();
    } catch (InvalidInputException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Usage.positive(spec, "--batch-size", batchSize, "the number of works per mint call");
    String job = reports.jobId();
    RunReport result = new RunReport(job, SearchRun.window(scope));
    Map<String, String> given = new HashMap<>();
    given.put("ES_URL", url);
    given.put("ES_API_KEY", apiKey);
    given.put("ES_USER", user);
    given.put("ES_PASSWORD", password);
    given.put("ES_SOURCE_INDEX", sourceIndex);
    given.put("ES_TARGET_INDEX", targetIndex);
    SearchRun.Target target = SearchRun.Target.resolve(given, database.environment());
    try (AtomicFile reportFile = reports.prepare("run", job)) {
      Progress progress = Progress.ofRun("run", result::failureCount);
      try (IdStore store = database.open()) {
        new SearchRun(target, store.minter(), batchSize, new SecureRandom())
            .run(scope, result, progress);
      } catch (RuntimeException e) {
        result.stopped(e);
        throw e;
      } finally {
        progress.finish();
        reports.finish(reportFile, result, "written to the target index " + target.targetIndex());
      }
    }
    return result.failureCount() == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private Scope scope() {
    if (!ids.isEmpty()) {
      if (windowEnd != null || windowStart != null || full) {
        throw new InvalidInputException(
            "give exactly one scope: --source-identifiers, --window-end, or --full");
      }
      return Scope.ofIds(ids);
    }
    if (windowEnd != null) {
      if (full) {
        throw new InvalidInputException(
            "give exactly one scope: --source-identifiers, --window-end, or --full");
      }
      return Scope.window(
          Optional.ofNullable(windowStart).map(t -> Scope.time("--window-start", t)),
          Scope.time("--window-end", windowEnd));
    }
    if (windowStart != null) {
      throw new InvalidInputException("--window-start needs --window-end");
    }
    if (full) {
      return Scope.all();
    }
    throw new InvalidInputException(
        "no scope given: pass --source-identifiers ID…, --window-end TIME, or --full to"
            + " identify the whole source index");
  }
}
