package org.idminter.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** bench/run's options, parsed by picocli as the CLI's are; every value checked before a run. */
@Command(
    name = "bench/run",
    description = "Benchmarks (and two correctness checks) of idminter; see docs/benchmarks.md.")
final class BenchOptions {
  static final List<String> DATABASES = List.of("h2", "mariadb", "postgresql", "mysql");
  static final List<String> PARTS =
      List.of(
          "workloads",
          "cold",
          "http",
          "scale",
          "documents",
          "jmh",
          "ids",
          "registry",
          "rekey",
          "rekey-scale",
          "backfill",
          "legacy",
          "reopen",
          "fuzz",
          "faults");

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show the options.")
  boolean help;

  @Option(
      names = "--databases",
      split = ",",
      paramLabel = "DB",
      description = "Default: h2,mariadb,postgresql.")
  List<String> databases = List.of("h2", "mariadb", "postgresql");

  @Option(
      names = "--parts",
      split = ",",
      paramLabel = "PART",
      description =
          "Default: workloads,scale,documents,jmh,ids,registry; also cold, http, rekey, rekey-scale, backfill, legacy, reopen, fuzz, faults.")
  List<String> parts = List.of("workloads", "scale", "documents", "jmh", "ids", "registry");

  @Option(
      names = "--registry-databases",
      split = ",",
      paramLabel = "DB",
      description = "The registry part's databases. Default: mariadb,postgresql.")
  List<String> registryDatabases = List.of("mariadb", "postgresql");

  @Option(
      names = "--rekey-databases",
      split = ",",
      paramLabel = "DB",
      description = "The rekey part's databases. Default: mariadb.")
  List<String> rekeyDatabases = List.of("mariadb");

  @Option(
      names = "--rekey-entities",
      paramLabel = "N",
      description = "Entities of the rekey part (5 revisions each). Default: 1000000.")
  int rekeyEntities = 1_000_000;

  @Option(
      names = "--backfill-databases",
      split = ",",
      paramLabel = "DB",
      description = "The backfill part's databases (sqlite too). Default: mariadb,sqlite.")
  List<String> backfillDatabases = List.of("mariadb", "sqlite");

  @Option(
      names = "--backfill-rows",
      paramLabel = "N",
      description = "Rows of the backfill part's table. Default: 1000000.")
  int backfillRows = 1_000_000;

  @Option(
      names = "--legacy-databases",
      split = ",",
      paramLabel = "DB",
      description = "The legacy part's databases (MariaDB, PostgreSQL or H2). Default: mariadb.")
  List<String> legacyDatabases = List.of("mariadb");

  @Option(
      names = "--legacy-rows",
      paramLabel = "N",
      description = "Rows of the legacy part's table (at most 2097152). Default: 1000000.")
  int legacyRows = 1_000_000;

  @Option(
      names = "--http-databases",
      split = ",",
      paramLabel = "DB",
      description = "The http part's databases. Default: mariadb,postgresql.")
  List<String> httpDatabases = List.of("mariadb", "postgresql");

  @Option(
      names = "--http-seconds",
      paramLabel = "S",
      description = "Seconds of load per http measurement (after as many of warm-up). Default: 10.")
  int httpSeconds = 10;

  @Option(
      names = "--registry-batches",
      paramLabel = "N",
      description = "Batches of 1,000 registrations per worker and round. Default: 20.")
  int registryBatches = 20;

  @Option(
      names = "--id-sources",
      split = ",",
      paramLabel = "SOURCE",
      description =
          "Where the workloads' mints take new IDs (IDMINTER_ID_SOURCE), each timed in the same"
              + " rounds. Default: pool,claim.")
  List<String> idSources = List.of("pool", "claim");

  @Option(names = "--scale", split = ",", paramLabel = "ROWS", description = "Default: 1000000.")
  List<Long> scale = List.of(1_000_000L);

  // Not H2 by default: its plain IN-list SELECT (the raw baseline) scans the key's whole (type,
  // system) group, seconds per statement at 1M rows.
  @Option(
      names = "--scale-databases",
      split = ",",
      paramLabel = "DB",
      description = "Default: mariadb,postgresql.")
  List<String> scaleDatabases = List.of("mariadb", "postgresql");

  @Option(names = "--workers", split = ",", paramLabel = "N", description = "Default: 1,2,4,8.")
  List<Integer> workers = List.of(1, 2, 4, 8);

  @Option(names = "--lookup-batches", paramLabel = "N", description = "Default: 200.")
  int lookupBatches = 200;

  @Option(names = "--mint-batches", paramLabel = "N", description = "Default: 50.")
  int mintBatches = 50;

  @Option(names = "--document-copies", paramLabel = "N", description = "Default: 1000.")
  int documentCopies = 1000;

  @Option(names = "--reopen-seconds", paramLabel = "S", description = "Default: 300.")
  int reopenSeconds = 300;

  @Option(names = "--fuzz-works", paramLabel = "N", description = "Default: 10000.")
  int fuzzWorks = 10_000;

  @Option(names = "--fuzz-csv-rows", paramLabel = "N", description = "Default: 1250.")
  int fuzzCsvRows = 1_250;

  @Option(names = "--fuzz-seed", paramLabel = "N", description = "Default: 1.")
  long fuzzSeed = 1;

  @Option(
      names = "--fault-ops",
      paramLabel = "N",
      description = "Mint calls in the faults part, over 8 workers. Default: 1000000.")
  long faultOps = 1_000_000;

  @Option(
      names = "--fault-every",
      paramLabel = "S",
      description = "Seconds between node kills in the faults part. Default: 30.")
  int faultEvery = 30;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Default: bench/target/bench-results.json.")
  Path json = Path.of("bench/target/bench-results.json");

  /** Every value checked at once: a bad one is a usage error naming the option and value. */
  void check() {
    StringBuilder bad = new StringBuilder();
    known(bad, "--databases", databases, DATABASES);
    known(bad, "--scale-databases", scaleDatabases, DATABASES);
    known(bad, "--parts", parts, PARTS);
    known(bad, "--id-sources", idSources, List.of("pool", "claim"));
    known(bad, "--registry-databases", registryDatabases, DATABASES);
    positive(bad, "--registry-batches", List.of(registryBatches));
    known(bad, "--http-databases", httpDatabases, DATABASES);
    positive(bad, "--http-seconds", List.of(httpSeconds));
    known(bad, "--rekey-databases", rekeyDatabases, DATABASES);
    positive(bad, "--rekey-entities", List.of(rekeyEntities));
    List<String> targets = new ArrayList<>(DATABASES);
    targets.add("sqlite");
    known(bad, "--backfill-databases", backfillDatabases, targets);
    positive(bad, "--backfill-rows", List.of(backfillRows));
    known(bad, "--legacy-databases", legacyDatabases, DATABASES);
    positive(bad, "--legacy-rows", List.of(legacyRows));
    positive(bad, "--scale", scale);
    positive(bad, "--workers", workers);
    positive(bad, "--lookup-batches", List.of(lookupBatches));
    positive(bad, "--mint-batches", List.of(mintBatches));
    positive(bad, "--document-copies", List.of(documentCopies));
    positive(bad, "--reopen-seconds", List.of(reopenSeconds));
    positive(bad, "--fuzz-works", List.of(fuzzWorks));
    positive(bad, "--fuzz-csv-rows", List.of(fuzzCsvRows));
    positive(bad, "--fault-ops", List.of(faultOps));
    positive(bad, "--fault-every", List.of(faultEvery));
    if (bad.length() > 0) {
      throw new ParameterException(spec.commandLine(), bad.toString().strip());
    }
  }

  /** The options as recorded with the figures. */
  Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("databases", databases);
    out.put("parts", parts);
    out.put("id-sources", idSources);
    out.put("scale", scale);
    out.put("scale-databases", scaleDatabases);
    out.put("workers", workers);
    out.put("lookup-batches", lookupBatches);
    out.put("mint-batches", mintBatches);
    out.put("document-copies", documentCopies);
    out.put("reopen-seconds", reopenSeconds);
    out.put("fuzz-works", fuzzWorks);
    out.put("fuzz-csv-rows", fuzzCsvRows);
    out.put("fuzz-seed", fuzzSeed);
    out.put("fault-ops", faultOps);
    out.put("fault-every", faultEvery);
    out.put("registry-databases", registryDatabases);
    out.put("http-databases", httpDatabases);
    out.put("http-seconds", httpSeconds);
    out.put("registry-batches", registryBatches);
    out.put("json", json.toString());
    return out;
  }

  private static void known(StringBuilder bad, String option, List<String> given, List<String> ok) {
    for (String v : given) {
      if (!ok.contains(v)) {
        bad.append(option)
            .append(": unknown value '")
            .append(v)
            .append("' (one of ")
            .append(ok)
            .append(")\n");
      }
    }
  }

  private static void positive(StringBuilder bad, String option, List<? extends Number> given) {
    for (Number v : given) {
      if (v.longValue() < 1) {
        bad.append(option).append(": '").append(v).append("' is not a positive whole number\n");
      }
    }
  }
}
