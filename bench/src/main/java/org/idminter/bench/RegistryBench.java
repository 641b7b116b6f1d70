package org.idminter.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.idminter.store.IdStore;
import org.idminter.store.RegistrySettings;
import org.idminter.store.cache.CacheConfig;
import org.idminter.store.registry.Registration;
import org.idminter.store.testing.RedisServers;
import org.idminter.store.testing.TestDatabase;

/**
 * Part {@code registry}: registrations per second in batches of 1,000 new external IDs (1 and 4
 * workers, each with its own connection pool, as separate processes would be), then resolutions per
 * second in batches of 1,000 (half external, half internal IDs): uncached, through the in-process
 * cache (warm), and through Valkey/Redis (warm, the in-process cache emptied before every batch, so
 * each batch is one MGET). Each figure is the median of 3 rounds.
 */
final class RegistryBench {
  private static final int BATCH = 1_000;
  private static final int ROUNDS = 3;

  private RegistryBench() {}

  static void run(List<String> databases, int batches, Map<String, Object> json, StringBuilder md)
      throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    URI redis = RedisServers.shared();
    for (String name : databases) {
      TestDatabase db = BenchDatabases.get(name);
      db.reset();
      try (IdStore warm = open(db, Optional.empty())) {
        warm.registry().register(qids(900_000_000, 5 * BATCH), Optional.empty());
      }
      int[] next = {1};
      List<String> values = new ArrayList<>();
      for (int workers : new int[] {1, 4}) {
        double[] perSecond = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
          int from = next[0];
          next[0] += workers * batches * BATCH;
          perSecond[round] =
              timed(
                  db,
                  workers,
                  Optional.empty(),
                  null,
                  w -> {
                    int start = from + w * batches * BATCH;
                    return store -> {
                      for (int b = 0; b < batches; b++) {
                        Registration r =
                            store
                                .registry()
                                .register(qids(start + b * BATCH, BATCH), Optional.empty());
                        if (r.created() != BATCH) {
                          throw new IllegalStateException("created " + r.created());
                        }
                        if (w == 0 && values.size() < 100 * BATCH) {
                          r.ids()
                              .forEach(
                                  e -> {
                                    values.add(e.mapping().externalId().toString());
                                    values.add(e.mapping().internalId().toString());
                                  });
                        }
                      }
                      return (long) batches * BATCH;
                    };
                  });
        }
        rows.add(row(db.kind(), "registrations (new, batches of 1,000)", workers, perSecond));
      }
      for (String mode : List.of("uncached", "in-process cache", "Valkey/Redis cache")) {
        Optional<String> cache =
            switch (mode) {
              case "uncached" -> Optional.empty();
              case "in-process cache" -> Optional.of("memory");
              default -> Optional.of(redis.toString());
            };
        for (int workers : new int[] {1, 4}) {
          double[] perSecond = new double[ROUNDS];
          for (int round = -1; round < ROUNDS; round++) {
            double r =
                timed(
                    db,
                    workers,
                    cache,
                    // Warm the cache before the clock starts (fills Redis, and the process).
                    mode.equals("uncached") ? null : store -> resolveAll(store, values, false),
                    w ->
                        store -> {
                          // Enough passes over the values for a timed run of a second or more.
                          int passes =
                              mode.equals("uncached") ? 3 : mode.startsWith("Valkey") ? 10 : 60;
                          long n = 0;
                          for (int p = 0; p < passes; p++) {
                            n += resolveAll(store, values, mode.startsWith("Valkey"));
                          }
                          return n;
                        });
            if (round >= 0) {
              perSecond[round] = r;
            }
          }
          rows.add(row(db.kind(), "resolutions, " + mode, workers, perSecond));
        }
      }
    }
    json.put("registry", rows);
    StringBuilder t = new StringBuilder();
    t.append("| database | measure | workers | per second (median of 3) |\n");
    t.append("|---|---|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      t.append(
          String.format(
              "| %s | %s | %d | %,.0f |%n",
              r.get("database"),
              r.get("measure"),
              (Integer) r.get("workers"),
              (Double) r.get("per_second")));
    }
    md.append("\n## ID registry\n\n").append(t);
  }

  /**
   * Resolves every value in batches of 1,000; with {@code redisOnly}, empties the process cache
   * first.
   */
  private static long resolveAll(IdStore store, List<String> values, boolean redisOnly) {
    for (int from = 0; from < values.size(); from += BATCH) {
      if (redisOnly) {
        store.cache().clearLocal();
      }
      var res =
          store.registry().resolve(values.subList(from, Math.min(values.size(), from + BATCH)));
      if (res.missing() > 0) {
        throw new IllegalStateException(res.missing() + " registered IDs did not resolve");
      }
    }
    return values.size();
  }

  /**
   * Runs one task per worker, each on its own store (after {@code before}, if any, untimed), and
   * returns items per second of wall time.
   */
  private static double timed(
      TestDatabase db,
      int workers,
      Optional<String> cache,
      StoreTask before,
      IntFunction<StoreTask> task)
      throws Exception {
    List<IdStore> stores = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      for (int w = 0; w < workers; w++) {
        stores.add(open(db, cache));
        if (before != null) {
          before.run(stores.get(w));
        }
      }
      List<Callable<Long>> calls = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        StoreTask t = task.apply(w);
        IdStore s = stores.get(w);
        calls.add(() -> t.run(s));
      }
      long start = System.nanoTime();
      long items = 0;
      for (Future<Long> f : pool.invokeAll(calls)) {
        items += f.get();
      }
      return items / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
      stores.forEach(IdStore::close);
    }
  }

  @FunctionalInterface
  private interface StoreTask {
    long run(IdStore store) throws Exception;
  }

  /** A store on {@code db}, reading through {@code cache} (memory, a redis:// URL) if given. */
  static IdStore open(TestDatabase db, Optional<String> cache) {
    return IdStore.builder(
            db.config()
                .with(
                    RegistrySettings.DEFAULT.withCache(
                        cache.map(c -> CacheConfig.parse(c, 1_000_000)))),
            new Random())
        .open();
  }

  private static List<String> qids(int from, int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add("Q" + (from + i));
    }
    return out;
  }

  private static Map<String, Object> row(String db, String measure, int workers, double[] rounds) {
    double[] sorted = rounds.clone();
    Arrays.sort(sorted);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db);
    r.put("measure", measure);
    r.put("workers", workers);
    r.put("per_second", sorted[sorted.length / 2]);
    r.put("rounds", rounds);
    return r;
  }
}
