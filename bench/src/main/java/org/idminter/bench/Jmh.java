package org.idminter.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link MicroBenchmarks} in one forked JVM: 3 warm-up and 5 measured 1-second iterations. */
final class Jmh {
  private Jmh() {}

  static List<Map<String, Object>> run() throws Exception {
    Options options =
        new OptionsBuilder()
            .include(MicroBenchmarks.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgsAppend(
                "-Didminter.examples="
                    + System.getProperty("idminter.examples", "examples/works.jsonl"))
            .build();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RunResult r : new Runner(options).run()) {
      String name = r.getParams().getBenchmark();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("benchmark", name.substring(name.lastIndexOf('.') + 1));
      row.put("score", r.getPrimaryResult().getScore());
      row.put("error_99_9", r.getPrimaryResult().getScoreError());
      row.put("unit", r.getPrimaryResult().getScoreUnit());
      rows.add(row);
    }
    return rows;
  }
}
