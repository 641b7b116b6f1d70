package org.idminter.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.idminter.core.MintRequest;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.testing.StatementCounter;
import org.idminter.store.testing.TestDatabase;

/**
 * Runs the workloads on real databases and, in the same run and on the same rows, the database's
 * own limit: the simplest multi-row INSERT and plain batched primary-key SELECTs. Prints a Markdown
 * table and writes JSON. Run it with {@code bench/run} (see docs/benchmarks.md).
 */
public final class WorkloadBench {
  private static final int ITERATIONS = 9;

  private WorkloadBench() {}

  /** The workloads part: every workload on every database, against same-run raw baselines. */
  static void run(
      List<String> databases, List<Workload> workloads, Map<String, Object> json, StringBuilder md)
      throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : databases) {
      TestDatabase db = BenchDatabases.get(name);
      rows.addAll(
          measure(
              db,
              workloads.stream()
                  .filter(w -> WorkloadSetups.supports(w.setup(), db.kind()))
                  .toList()));
      System.err.println("done: workloads on " + db.kind());
      rows.add(topUpRate(db));
    }
    json.put("workloads", rows);
    md.append("## Workloads\n\n").append(markdown(rows)).append(ratios(rows));
    md.append(profiles(rows));
  }

  private static String ratios(List<Map<String, Object>> rows) {
    StringBuilder sb =
        new StringBuilder(
            "\n| database | workload | vs raw batched PK SELECT | vs raw mapping INSERT |"
                + " vs raw end state (IDs + mappings) |\n|---|---|---:|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      if (r.get(RATIOS) instanceof List<?> ratios) {
        for (Object o : ratios) {
          Map<?, ?> m = (Map<?, ?>) o;
          sb.append(
              String.format(
                  "| %s | %s | %s | %s | %s |%n",
                  r.get("database"),
                  m.get("workload"),
                  pct(m.get("vs_raw_select_pct")),
                  pct(m.get("vs_raw_mapping_insert_pct")),
                  pct(m.get("vs_raw_end_state_pct"))));
        }
      }
    }
    return sb.toString();
  }

  private static String pct(Object v) {
    return v == null ? "" : String.format("%.0f%%", (double) v);
  }

  private static final String RATIOS = "ratios_to_raw";

  private static IdStore open(TestDatabase db, StatementCounter counter) {
    return open(db, counter, IdSource.DEFAULT);
  }

  private static IdStore open(TestDatabase db, StatementCounter counter, IdSource source) {
    StoreConfig c = db.config(new PoolPolicy(false, 0, 1, source));
    return IdStore.builder(c, new Random(1)).connectionDecorator(counter.decorator()).open();
  }

  /**
   * Every workload and the raw baselines, interleaved: each round runs every workload once on fresh
   * state and then the raw baselines once, so that idminter and the database's own limit are timed
   * minutes apart at most (this machine's speed swings 2× over a run). The first round is a
   * warm-up; medians are over the timed rounds, and each ratio to raw is the median of the rounds'
   * own ratios.
   */
  private static List<Map<String, Object>> measure(TestDatabase db, List<Workload> workloads)
      throws Exception {
    Map<String, List<Long>> nanos = new LinkedHashMap<>();
    Map<String, StatementCounter> lastCounter = new LinkedHashMap<>();
    Workload allNew = byName(workloads, "all-new");
    List<SourceIdentifier> keys =
        allNew.calls().stream().flatMap(List::stream).map(MintRequest::key).toList();
    List<Long> insertNanos = new ArrayList<>();
    List<Long> endStateNanos = new ArrayList<>();
    List<Long> selectNanos = new ArrayList<>();
    // Per all-new (or all-existing) variant, its rounds' own ratios to the same round's raw figure.
    Map<String, List<Double>> newVsRaw = new LinkedHashMap<>();
    Map<String, List<Double>> newVsEndState = new LinkedHashMap<>();
    Map<String, List<Double>> existingVsRaw = new LinkedHashMap<>();
    for (int i = 0; i <= ITERATIONS; i++) {
      Map<String, Long> round = new LinkedHashMap<>();
      for (Workload w : workloads) {
        StatementCounter counter = new StatementCounter();
        round.put(w.name(), runOnce(db, w, counter));
        lastCounter.put(w.name(), counter);
      }
      long[] raw = RawBaselines.insertAndSelect(db, keys);
      long endState = RawBaselines.endState(db, keys);
      if (i > 0) {
        round.forEach(
            (w, elapsed) -> nanos.computeIfAbsent(w, n -> new ArrayList<>()).add(elapsed));
        insertNanos.add(raw[0]);
        selectNanos.add(raw[1]);
        endStateNanos.add(endState);
        for (Workload w : workloads) {
          double ns = round.get(w.name());
          if (w.base().equals("all-new")) {
            newVsRaw.computeIfAbsent(w.name(), n -> new ArrayList<>()).add(100.0 * raw[0] / ns);
            newVsEndState
                .computeIfAbsent(w.name(), n -> new ArrayList<>())
                .add(100.0 * endState / ns);
          } else if (w.base().equals("all-existing")) {
            existingVsRaw
                .computeIfAbsent(w.name(), n -> new ArrayList<>())
                .add(100.0 * raw[1] / ns);
          }
        }
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Workload w : workloads) {
      StatementCounter counter = lastCounter.get(w.name());
      Map<String, Object> r =
          row(
              db.kind(),
              w.name(),
              w.identifiers(),
              median(nanos.get(w.name())),
              counter.statements(),
              counter.inserts(),
              w.calls().size());
      r.put("profile_last_iteration", profileRows(counter.profile()));
      rows.add(r);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db.kind());
    r.put("workload", "raw JDBC (same rows as all-new)");
    r.put("identifiers", keys.size());
    r.put("raw_insert_ms", median(insertNanos) / 1_000_000.0);
    r.put("raw_insert_ids_per_s", Math.round(keys.size() / (median(insertNanos) / 1e9)));
    r.put("raw_select_ms", median(selectNanos) / 1_000_000.0);
    r.put("raw_select_ids_per_s", Math.round(keys.size() / (median(selectNanos) / 1e9)));
    r.put("raw_end_state_ms", median(endStateNanos) / 1_000_000.0);
    r.put("raw_end_state_ids_per_s", Math.round(keys.size() / (median(endStateNanos) / 1e9)));
    r.put(RATIOS, ratioRows(newVsRaw, newVsEndState, existingVsRaw));
    rows.add(r);
    return rows;
  }

  /** Per variant: the median of its rounds' ratios, and the rounds' own. */
  private static List<Map<String, Object>> ratioRows(
      Map<String, List<Double>> newVsRaw,
      Map<String, List<Double>> newVsEndState,
      Map<String, List<Double>> existingVsRaw) {
    List<Map<String, Object>> out = new ArrayList<>();
    newVsRaw.forEach(
        (name, rounds) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("workload", name);
          m.put("vs_raw_mapping_insert_pct", median(rounds));
          m.put("vs_raw_end_state_pct", median(newVsEndState.get(name)));
          m.put("vs_raw_mapping_insert_pct_per_round", rounds);
          m.put("vs_raw_end_state_pct_per_round", newVsEndState.get(name));
          out.add(m);
        });
    existingVsRaw.forEach(
        (name, rounds) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("workload", name);
          m.put("vs_raw_select_pct", median(rounds));
          m.put("vs_raw_select_pct_per_round", rounds);
          out.add(m);
        });
    return out;
  }

  private static Workload byName(List<Workload> workloads, String name) {
    return workloads.stream().filter(w -> w.base().equals(name)).findFirst().orElseThrow();
  }

  /**
   * One run of a workload on fresh state: the pool filled and the seed minted untimed, then the
   * mint calls timed and counted by {@code counter}. Returns the elapsed nanoseconds.
   */
  static long runOnce(TestDatabase db, Workload w, StatementCounter counter) {
    TestDatabase target = WorkloadSetups.ready(db, w.setup());
    try (IdStore store = open(target, counter, w.source())) {
      prepare(store, w);
      counter.reset();
      long t0 = System.nanoTime();
      for (List<MintRequest> call : w.calls()) {
        store.minter().mint(call);
      }
      return System.nanoTime() - t0;
    }
  }

  /**
   * A workload's untimed part: the pool filled for it (as the original's benchmark sizes it, works
   * × (1 + items) + 1,000, for its workloads) and its seed minted.
   */
  static void prepare(IdStore store, Workload w) {
    store
        .pool()
        .topUp(
            w.setup() == Workload.Setup.FRESH
                ? w.identifiers() + w.seed().size() + 100
                : w.identifiers() + 1_000,
            ProgressListener.NONE);
    if (!w.seed().isEmpty()) {
      store.minter().mint(w.seed());
    }
  }

  static List<Map<String, Object>> profileRows(Map<String, StatementCounter.Timing> profile) {
    List<Map<String, Object>> out = new ArrayList<>();
    profile.forEach(
        (sql, t) -> {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("statement", sql);
          p.put("executions", t.executions());
          p.put("ms", t.nanos() / 1_000_000.0);
          out.add(p);
        });
    return out;
  }

  private static Map<String, Object> topUpRate(TestDatabase db) {
    db.reset();
    try (IdStore store = open(db, new StatementCounter())) {
      long t0 = System.nanoTime();
      store.pool().topUp(100_000, ProgressListener.NONE);
      long elapsed = System.nanoTime() - t0;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("database", db.kind());
      r.put("workload", "pool top-up (100,000 IDs)");
      r.put("identifiers", 100_000);
      r.put("median_ms", elapsed / 1_000_000.0);
      r.put("ids_per_s", Math.round(100_000 / (elapsed / 1e9)));
      return r;
    }
  }

  private static Map<String, Object> row(
      String db,
      String workload,
      int ids,
      long medianNanos,
      long statements,
      long inserts,
      int calls) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db);
    r.put("workload", workload);
    r.put("identifiers", ids);
    r.put("median_ms", medianNanos / 1_000_000.0);
    r.put("ids_per_s", Math.round(ids / (medianNanos / 1e9)));
    r.put("mint_calls", calls);
    r.put("statements", statements);
    r.put("inserts", inserts);
    return r;
  }

  private static <T extends Comparable<T>> T median(List<T> values) {
    List<T> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String profiles(List<Map<String, Object>> rows) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> r : rows) {
      if (!(r.get("profile_last_iteration") instanceof List<?> profile)
          || !String.valueOf(r.get("workload")).contains("all-new")) {
        continue; // the profiles of all-new only: the JSON has every workload's
      }
      sb.append(
          String.format(
              "%n%s %s: time inside the driver per statement shape (last iteration)%n%n",
              r.get("database"), r.get("workload")));
      sb.append("| statement | executions | ms |\n|---|---:|---:|\n");
      for (Object o : profile) {
        Map<?, ?> p = (Map<?, ?>) o;
        sb.append(
            String.format(
                "| `%s` | %s | %.1f |%n",
                p.get("statement"), p.get("executions"), (double) p.get("ms")));
      }
    }
    return sb.toString();
  }

  private static String markdown(List<Map<String, Object>> rows) {
    StringBuilder sb =
        new StringBuilder(
            "| database | workload | identifiers | median ms | ids/s | statements | INSERTs |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      if (r.containsKey("raw_insert_ms")) {
        sb.append(
            String.format(
                "| %s | raw multi-row INSERT (all-new rows) | %s | %.1f | %,d | %d | %d |%n",
                r.get("database"),
                r.get("identifiers"),
                (double) r.get("raw_insert_ms"),
                (long) r.get("raw_insert_ids_per_s"),
                ((int) r.get("identifiers") + 999) / 1000,
                ((int) r.get("identifiers") + 999) / 1000));
        sb.append(
            String.format(
                "| %s | raw batched PK SELECT (all-new keys) | %s | %.1f | %,d | | |%n",
                r.get("database"),
                r.get("identifiers"),
                (double) r.get("raw_select_ms"),
                (long) r.get("raw_select_ids_per_s")));
        sb.append(
            String.format(
                "| %s | raw end state: IDs INSERT + mappings INSERT | %s | %.1f | %,d | %d | %d |%n",
                r.get("database"),
                r.get("identifiers"),
                (double) r.get("raw_end_state_ms"),
                (long) r.get("raw_end_state_ids_per_s"),
                2 * (((int) r.get("identifiers") + 999) / 1000),
                2 * (((int) r.get("identifiers") + 999) / 1000)));
      } else {
        sb.append(
            String.format(
                "| %s | %s | %s | %.1f | %,d | %s | %s |%n",
                r.get("database"),
                r.get("workload"),
                r.get("identifiers"),
                (double) r.get("median_ms"),
                (long) r.get("ids_per_s"),
                r.getOrDefault("statements", ""),
                r.getOrDefault("inserts", "")));
      }
    }
    return sb.toString();
  }
}
