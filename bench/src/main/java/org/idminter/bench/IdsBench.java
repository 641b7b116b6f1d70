package org.idminter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Part {@code ids}: {@link IdGeneratorBenchmarks} with 1 and 4 threads, each in one forked JVM, 3
 * warm-up and 5 measured 1-second iterations (the same settings for every generator), with each
 * generator's drift at the end of its trial.
 */
final class IdsBench {
  private IdsBench() {}

  static void run(Map<String, Object> json, StringBuilder md) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    Path drift = Files.createTempFile("idminter-drift", ".txt");
    try {
      for (int threads : new int[] {1, 4}) {
        Options options =
            new OptionsBuilder()
                .include(IdGeneratorBenchmarks.class.getName())
                .forks(1)
                .threads(threads)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Didminter.drift=" + drift)
                .build();
        for (RunResult r : new Runner(options).run()) {
          String name = r.getParams().getBenchmark();
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("benchmark", name.substring(name.lastIndexOf('.') + 1));
          row.put("threads", threads);
          row.put("ops_per_s", r.getPrimaryResult().getScore());
          row.put("error_99_9", r.getPrimaryResult().getScoreError());
          rows.add(row);
        }
      }
      Map<String, Long> leads = new LinkedHashMap<>();
      for (String line : Files.readAllLines(drift)) {
        String[] f = line.trim().split(" ");
        leads.put(f[0] + " " + f[1], Long.parseLong(f[2]));
      }
      for (Map<String, Object> row : rows) {
        row.put("drift_ms", leads.get(row.get("benchmark") + " " + row.get("threads")));
      }
    } finally {
      Files.deleteIfExists(drift);
    }
    json.put("ids", rows);
    StringBuilder t = new StringBuilder();
    t.append("| benchmark | threads | IDs/s | ± (99.9%) | drift at end (ms) |\n");
    t.append("|---|---:|---:|---:|---:|\n");
    for (Map<String, Object> row : rows) {
      t.append(
          String.format(
              "| %s | %d | %,.0f | %,.0f | %s |%n",
              row.get("benchmark"),
              (Integer) row.get("threads"),
              (Double) row.get("ops_per_s"),
              (Double) row.get("error_99_9"),
              row.get("drift_ms")));
    }
    md.append("\n## ID generators (JMH)\n\n").append(t);
  }
}
