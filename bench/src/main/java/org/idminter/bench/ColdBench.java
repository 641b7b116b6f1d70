package org.idminter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.idminter.store.testing.StatementCounter;
import org.idminter.store.testing.TestDatabase;

/**
 * {@code --parts cold}: the original's workloads each in a fresh JVM, run twice as the original's
 * benchmark runs them (the first iteration is its warm-up), and the fixed cost of one {@code
 * ./idminter mint KEY} process. Prints a Markdown table and writes JSON.
 */
final class ColdBench {
  private static final int PROCESSES = 5;
  private static final int MINTS = 11;

  private ColdBench() {}

  static void run(List<String> databases, Map<String, Object> json, StringBuilder md)
      throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : databases) {
      TestDatabase db = BenchDatabases.get(name);
      for (Workload w : OriginalWorkloads.all(Workload.Setup.KEPT)) {
        rows.add(workload(db, w));
      }
      rows.add(oneKeyMints(db));
      System.err.println("done: cold on " + db.kind());
    }
    json.put("cold", rows);
    md.append("\n## Cold: a fresh JVM per run\n\n")
        .append("| database | what | first iteration ms | second iteration ms | process ms |\n")
        .append("|---|---|---:|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      md.append(
          String.format(
              "| %s | %s | %s | %s | %.0f |%n",
              r.get("database"),
              r.get("what"),
              r.containsKey("first_ms") ? String.format("%.1f", (double) r.get("first_ms")) : "",
              r.containsKey("second_ms") ? String.format("%.1f", (double) r.get("second_ms")) : "",
              (double) r.get("process_ms")));
    }
  }

  /** Medians over {@link #PROCESSES} fresh JVMs, each running {@code w} twice. */
  private static Map<String, Object> workload(TestDatabase db, Workload w) throws Exception {
    List<Double> first = new ArrayList<>();
    List<Double> second = new ArrayList<>();
    List<Double> process = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      long t0 = System.nanoTime();
      String out =
          run(
              List.of(
                  javaBin(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ColdBench.class.getName(),
                  db.kind(),
                  db.url(),
                  db.user(),
                  db.password() == null ? "" : db.password(),
                  w.name()));
      process.add((System.nanoTime() - t0) / 1e6);
      // The child's last "cold:" line (logging may share its stdout).
      String line =
          out.lines()
              .filter(l -> l.startsWith("cold: "))
              .reduce((a, b) -> b)
              .orElseThrow(() -> new IllegalStateException("no timing from the child: " + out));
      String[] ms = line.substring("cold: ".length()).strip().split("\\s+");
      first.add(Double.parseDouble(ms[0]));
      second.add(Double.parseDouble(ms[1]));
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db.kind());
    r.put("what", w.name() + " (identifiers: " + w.identifiers() + ")");
    r.put("first_ms", median(first));
    r.put("second_ms", median(second));
    r.put("process_ms", median(process));
    r.put("processes", PROCESSES);
    return r;
  }

  /**
   * The wall time of {@code ./idminter mint KEY}, a new key each time, median of {@link #MINTS}.
   */
  private static Map<String, Object> oneKeyMints(TestDatabase db) throws Exception {
    Path data = Files.createTempDirectory("idminter-cold");
    List<String> where =
        db.kind().equals("H2")
            ? List.of("--data-dir", data.toString())
            : List.of("--db", db.url(), "--db-user", db.user(), "--apply-migrations");
    List<Double> wall = new ArrayList<>();
    for (int i = 0; i <= MINTS; i++) {
      List<String> command = new ArrayList<>(List.of("./idminter", "mint"));
      command.addAll(where);
      command.add("Work[cold/k" + i + "-" + System.nanoTime() + "]");
      long t0 = System.nanoTime();
      run(command);
      if (i > 0) { // the first makes the database (and, after a build, the class-data archive)
        wall.add((System.nanoTime() - t0) / 1e6);
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db.kind());
    r.put(
        "what",
        "./idminter mint KEY (one new key" + (db.kind().equals("H2") ? ", embedded)" : ")"));
    r.put("process_ms", median(wall));
    r.put("processes", MINTS);
    return r;
  }

  /** Child: runs the named original workload twice and prints both times in ms. */
  public static void main(String[] args) {
    TestDatabase db = new TestDatabase(args[0], args[1], args[2], args[3]);
    Workload w =
        OriginalWorkloads.all(Workload.Setup.KEPT).stream()
            .filter(x -> x.name().equals(args[4]))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no workload " + args[4]));
    long first = WorkloadBench.runOnce(db, w, new StatementCounter());
    long second = WorkloadBench.runOnce(db, w, new StatementCounter());
    System.out.println("cold: " + first / 1e6 + " " + second / 1e6);
    System.exit(0); // the databases made for the run are dropped by shutdown hooks
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static double median(List<Double> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
