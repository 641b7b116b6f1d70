package org.idminter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.store.pool.IdSource;
import picocli.CommandLine;

/**
 * bench/run: parses the options (a bad one is a usage error naming it, exit 2), runs the parts
 * asked for, prints Markdown tables and writes every figure as JSON; exits 1 if a correctness part
 * (reopen, fuzz) found anything.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o = new BenchOptions();
    CommandLine cli = new CommandLine(o);
    try {
      cli.parseArgs(args);
      if (cli.isUsageHelpRequested()) {
        cli.usage(System.out);
        return;
      }
      o.check();
    } catch (CommandLine.ParameterException e) {
      System.err.println("bench/run: " + e.getMessage());
      System.err.println("see 'bench/run --help'");
      System.exit(2);
    }
    System.exit(run(o, args) ? 1 : 0);
  }

  /** Runs the parts; true if a correctness part found an anomaly. */
  private static boolean run(BenchOptions o, String[] args) throws Exception {
    List<String> databases = o.databases;
    List<String> parts = o.parts;
    Path out = o.json;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "bench/run " + String.join(" ", args));
    json.put("machine", Machine.describe());
    json.put("options", o.asMap());
    StringBuilder md = new StringBuilder();
    List<Workload> workloads =
        List.of(
            Workload.allNew(1000, 5),
            Workload.allExisting(1000, 5),
            Workload.mixed(1000, 5),
            Workload.largeFanout(200, 51));
    List<Workload> sets = new ArrayList<>(workloads);
    sets.addAll(OriginalWorkloads.all(Workload.Setup.KEPT));
    sets.addAll(OriginalWorkloads.all(Workload.Setup.DROPIN));
    List<Workload> bySource = new ArrayList<>();
    for (String source : o.idSources) {
      sets.forEach(w -> bySource.add(w.from(IdSource.parse(source))));
    }
    boolean anomalies = false;

    if (parts.contains("workloads")) {
      WorkloadBench.run(databases, bySource, json, md);
    }
    if (parts.contains("cold")) {
      ColdBench.run(databases, json, md);
    }
    if (parts.contains("scale")) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int[] workers = o.workers.stream().mapToInt(Integer::intValue).toArray();
      for (long size : o.scale) {
        for (String name : o.scaleDatabases) {
          rows.addAll(
              new ScaleBench(
                      BenchDatabases.get(name), size, workers, o.lookupBatches, o.mintBatches)
                  .run());
          System.err.println("done: scale " + size + " on " + name);
        }
      }
      json.put("scale", rows);
      md.append("\n## Scale and concurrency\n\n").append(Reports.scale(rows));
    }
    if (parts.contains("documents")) {
      DocumentBench docs = new DocumentBench(Path.of("examples/works.jsonl"), o.documentCopies);
      Path input = docs.writeInput();
      List<Map<String, Object>> rows = new ArrayList<>();
      try {
        rows.add(docs.inventing(input));
        for (String name : databases) {
          rows.add(docs.real(BenchDatabases.get(name), input));
          System.err.println("done: documents on " + name);
        }
      } finally {
        Files.deleteIfExists(input);
      }
      json.put("documents", rows);
      md.append("\n## Document path (identify on JSON Lines)\n\n").append(Reports.documents(rows));
    }
    if (parts.contains("jmh")) {
      List<Map<String, Object>> rows = Jmh.run();
      json.put("jmh", rows);
      md.append("\n## JMH microbenchmarks\n\n").append(Reports.jmh(rows));
    }
    if (parts.contains("ids")) {
      IdsBench.run(json, md);
    }
    if (parts.contains("registry")) {
      RegistryBench.run(o.registryDatabases, o.registryBatches, json, md);
    }
    if (parts.contains("http")) {
      HttpBench.run(o.httpDatabases, o.httpSeconds, json, md);
    }
    if (parts.contains("rekey")) {
      RekeyBench.run(o.rekeyDatabases, o.rekeyEntities, json, md);
    }
    if (parts.contains("backfill")) {
      BackfillBench.run(o.backfillDatabases, o.backfillRows, json, md);
    }
    if (parts.contains("legacy")) {
      LegacyBench.run(o.legacyDatabases, o.legacyRows, json, md);
    }
    if (parts.contains("rekey-scale")) {
      // Not part of the default run: a correctness check at scale, not a measurement.
      md.append("\n## Rekey scale check (2,100,000 entities in one millisecond)\n\n");
      for (String name : o.rekeyDatabases) {
        Map<String, Object> r = RekeyScaleCheck.run(BenchDatabases.get(name), 2_100_000);
        json.put("rekey_scale_" + name, r);
        List<?> found = (List<?>) r.get("anomalies");
        anomalies |= !found.isEmpty();
        md.append(
            String.format(
                "- %s: apply %.1f s, %s%n",
                r.get("database"),
                (Double) r.get("apply_s"),
                found.isEmpty() ? "unique and ordered, no anomalies" : found));
      }
    }
    if (parts.contains("reopen")) {
      // Not part of the default run: a durability check, not a measurement.
      Map<String, Object> r = ReopenCheck.run(BenchDatabases.get("h2"), workloads, o.reopenSeconds);
      json.put("reopen", r);
      List<?> found = (List<?>) r.get("anomalies");
      anomalies = !found.isEmpty();
      md.append("\n## Reopen check (H2 file database)\n\n")
          .append(r.get("cycles"))
          .append(" cycles of drop, open, top up, mint, close in ")
          .append(r.get("seconds"))
          .append(" s: ")
          .append(found.isEmpty() ? "no anomalies" : found.size() + " anomalies")
          .append('\n');
      found.forEach(a -> md.append("- ").append(a).append('\n'));
    }
    if (parts.contains("fuzz")) {
      // Not part of the default run: a correctness check under hostile input, not a measurement.
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String name : databases) {
        rows.add(FuzzBench.run(BenchDatabases.get(name), o.fuzzSeed, o.fuzzWorks, o.fuzzCsvRows));
        System.err.println("done: fuzz on " + name);
      }
      json.put("fuzz", rows);
      anomalies |= !rows.stream().allMatch(FuzzBench::clean);
      md.append("\n## Hostile input (fuzz)\n\n").append(FuzzBench.table(rows));
    }
    if (parts.contains("faults")) {
      // Not part of the default run: a correctness check under faults, not a measurement.
      Map<String, Object> r = FaultsBench.run(o.faultOps, o.faultEvery);
      json.put("faults", r);
      anomalies |= !((List<?>) r.get("anomalies")).isEmpty();
      md.append("\n## Faults (three-node Galera cluster, nodes killed and restarted)\n\n")
          .append(FaultsBench.table(r));
    }
    json.put("servers", BenchDatabases.SERVERS);
    System.out.println(md);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    System.out.println("JSON written to " + out);
    return anomalies;
  }
}
