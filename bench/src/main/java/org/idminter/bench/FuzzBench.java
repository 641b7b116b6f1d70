package org.idminter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.idminter.pipeline.testing.Fuzz;
import org.idminter.pipeline.testing.HostileCsv;
import org.idminter.pipeline.testing.HostileWorks;
import org.idminter.store.IdStore;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.TestDatabase;

/**
 * The large version of the hostile-input suite: seeded hostile works through identify and hostile
 * CSV files through import on each database, counting crashes, lost works or rows, changed bytes
 * and misjudged inputs (all must be 0), then the SQL invariants.
 */
final class FuzzBench {
  static final int ROWS_PER_FILE = 25;

  private FuzzBench() {}

  static Map<String, Object> run(TestDatabase db, long seed, int works, int csvRows)
      throws IOException {
    db.reset();
    Path dir = Files.createTempDirectory("idminter-fuzz");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("database", db.kind());
    row.put("seed", seed);
    try (IdStore store = IdStore.builder(db.config(), new Random(seed)).open()) {
      long t0 = System.nanoTime();
      Fuzz.Findings w = Fuzz.works(store.minter(), HostileWorks.generate(seed, works));
      long t1 = System.nanoTime();
      int files = (csvRows + ROWS_PER_FILE - 1) / ROWS_PER_FILE;
      Fuzz.Findings c = Fuzz.csv(store, dir, HostileCsv.generate(seed, files, ROWS_PER_FILE));
      long t2 = System.nanoTime();
      put(row, "works", w, (t1 - t0) / 1_000_000);
      put(row, "csv", c, (t2 - t1) / 1_000_000);
    } finally {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    InvariantChecker.check(db);
    return row;
  }

  private static void put(Map<String, Object> row, String what, Fuzz.Findings f, long millis) {
    row.put(what + "_inputs", f.inputs());
    row.put(what + "_crashes", f.crashes());
    row.put(what + "_lost", f.lost());
    row.put(what + "_changed", f.changed());
    row.put(what + "_misjudged", f.misjudged());
    row.put(what + "_millis", millis);
    row.put(what + "_examples", f.examples());
  }

  static boolean clean(Map<String, Object> row) {
    for (String what : List.of("works", "csv")) {
      for (String count : List.of("crashes", "lost", "changed", "misjudged")) {
        if (((Number) row.get(what + "_" + count)).longValue() != 0) {
          return false;
        }
      }
    }
    return true;
  }

  static String table(List<Map<String, Object>> rows) {
    StringBuilder md =
        new StringBuilder(
            "| database | input | count | crashes | lost | changed bytes | misjudged | ms |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      for (String what : List.of("works", "csv")) {
        md.append(
            String.format(
                "| %s | %s | %,d | %d | %d | %d | %d | %,d |%n",
                r.get("database"),
                what.equals("works") ? "hostile works (identify)" : "hostile CSV rows (import)",
                r.get(what + "_inputs"),
                r.get(what + "_crashes"),
                r.get(what + "_lost"),
                r.get(what + "_changed"),
                r.get(what + "_misjudged"),
                r.get(what + "_millis")));
        for (Object e : (List<?>) r.get(what + "_examples")) {
          md.append("|  | ").append(e.toString().replace("|", "\\|")).append(" | | | | | | |\n");
        }
      }
    }
    return md.toString();
  }
}
