package org.idminter.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.load.ImportResult;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.sql.Sql;
import org.idminter.store.testing.TestDatabase;

/**
 * Scale and concurrency: pre-seeds N mappings through the product's CSV import (timed), then
 * measures lookup throughput (batches of 1,000 existing keys) and mint throughput (batches of 1,000
 * new keys) with 1, 2, 4 and 8 concurrent workers. Each is compared, in the same run and on the
 * same table, with the database's own limit: plain batched primary-key SELECTs, and the simplest
 * multi-row INSERT of 1,000 rows per statement and transaction.
 */
final class ScaleBench {
  static final int BATCH = 1000;
  private static final String[][] GROUPS = {
    {"Work", "sierra-system-number", "b"},
    {"Item", "sierra-system-number", "i"},
    {"Work", "miro-image-number", "V"},
    {"Image", "miro-image-number", "V"}
  };
  private static final long SPACE = pow(CanonicalId.ALPHABET.length(), CanonicalId.LENGTH - 1);

  private final TestDatabase db;
  private final long rows;
  private final int[] workers;
  private final int lookupBatches;
  private final int mintBatches;
  private final List<Map<String, Object>> out = new ArrayList<>();

  ScaleBench(TestDatabase db, long rows, int[] workers, int lookupBatches, int mintBatches) {
    this.db = db;
    this.rows = rows;
    this.workers = workers;
    this.lookupBatches = lookupBatches;
    this.mintBatches = mintBatches;
  }

  /** The i-th seeded key: four (type, system) groups, as a catalogue's identifiers spread. */
  static SourceIdentifier seededKey(long i) {
    String[] g = GROUPS[(int) (i % GROUPS.length)];
    return new SourceIdentifier(g[0], g[1], g[2] + (1_000_000_000L + i));
  }

  /** A distinct valid canonical ID for every i (a bijective scramble, so IDs spread). */
  static CanonicalId seededId(long i) {
    String first = CanonicalId.FIRST_ALPHABET;
    long x = Math.floorMod((i / first.length()) * 1_000_003L + 12_345L, SPACE);
    StringBuilder sb = new StringBuilder().append(first.charAt((int) (i % first.length())));
    for (int k = 1; k < CanonicalId.LENGTH; k++) {
      sb.append(CanonicalId.ALPHABET.charAt((int) (x % CanonicalId.ALPHABET.length())));
      x /= CanonicalId.ALPHABET.length();
    }
    return new CanonicalId(sb.toString());
  }

  List<Map<String, Object>> run() throws Exception {
    db.reset();
    Path csv = Files.createTempFile("idminter-bench-seed", ".csv");
    try {
      writeSeedCsv(csv);
      try (IdStore store =
          IdStore.builder(db.config(new PoolPolicy(false, 0, 1)), new Random(7)).open()) {
        long t0 = System.nanoTime();
        ImportResult imported = store.importer().importCsv(csv, ProgressListener.NONE);
        long loadNanos = System.nanoTime() - t0;
        if (imported.inserted() != rows || !imported.contradictions().isEmpty()) {
          throw new IllegalStateException("the seed import did not insert every row: " + imported);
        }
        out.add(timed("bulk load (idminter import)", rows, loadNanos, 0));
        analyze();

        int freeNeeded = mintBatches * BATCH * workers.length; // for idminter, and again for raw
        long topUp = 2L * freeNeeded + 10_000L;
        long t1 = System.nanoTime();
        store.pool().topUp(topUp, ProgressListener.NONE);
        out.add(timed("pool top-up", topUp, System.nanoTime() - t1, 0));
        List<String> rawIds = reserveIdsForRawInserts(freeNeeded);

        // Untimed warm-up of both readers (other random keys): the first sweep otherwise pays for
        // the load's aftermath (cold pages, hint bits) and whichever reader runs first pays most.
        int warmUp = Math.max(1, lookupBatches / 10);
        run(1, warmUp, (batch, c) -> lookup(store, batch), 17, 1, null);
        run(1, warmUp, (batch, c) -> RawJdbc.select(c, batch.keys()), 19, 1, null);
        for (int w : workers) {
          long idm = run(w, lookupBatches, (batch, c) -> lookup(store, batch), 11, w, null);
          long raw =
              run(w, lookupBatches, (batch, c) -> RawJdbc.select(c, batch.keys()), 13, w, null);
          out.add(compare("lookup", w, lookupBatches, idm, raw));
        }
        for (int i = 0; i < workers.length; i++) {
          int w = workers[i];
          List<String> slice =
              rawIds.subList(i * mintBatches * BATCH, (i + 1) * mintBatches * BATCH);
          long idm = run(w, mintBatches, (batch, c) -> mint(store, batch), 0, w, "n" + w + "-");
          long raw =
              run(w, mintBatches, (batch, c) -> rawInsert(c, batch, slice), 0, w, "r" + w + "-");
          out.add(compare("mint", w, mintBatches, idm, raw));
        }
      }
    } finally {
      Files.deleteIfExists(csv);
    }
    return out;
  }

  private void writeSeedCsv(Path csv) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("CanonicalId,OntologyType,SourceSystem,SourceId\n");
      for (long i = 0; i < rows; i++) {
        SourceIdentifier k = seededKey(i);
        w.write(seededId(i).value());
        w.write(',');
        w.write(k.ontologyType());
        w.write(',');
        w.write(k.sourceSystem());
        w.write(',');
        w.write(k.sourceId());
        w.write('\n');
      }
    }
  }

  /**
   * Settles the tables after the bulk load as autovacuum or InnoDB's background work would (and as
   * operations.md advises after a large import): fresh statistics and, on PostgreSQL, a vacuum, so
   * the first sweep does not pay for setting hint bits or run alongside autovacuum.
   */
  private void analyze() throws Exception {
    String sql =
        switch (db.kind()) {
          case "PostgreSQL" -> "VACUUM ANALYZE";
          case "H2" -> "ANALYZE";
          default -> "ANALYZE TABLE identifiers, canonical_ids";
        };
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Canonical IDs for the raw inserts, taken out of the pool before timing (marked assigned so
   * idminter never claims them): the raw baseline writes into the same table, same indexes and
   * foreign key.
   */
  private List<String> reserveIdsForRawInserts(int count) throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      List<String> ids =
          Sql.query(
              c,
              "SELECT CanonicalId FROM canonical_ids WHERE Status = 'free' ORDER BY CanonicalId"
                  + " LIMIT ?",
              ps -> ps.setInt(1, count),
              rs -> rs.getString(1));
      if (ids.size() < count) {
        throw new IllegalStateException("pool too small for the raw baseline");
      }
      Sql.updateIn(c, "UPDATE canonical_ids SET Status = 'assigned' WHERE CanonicalId IN ", ids);
      c.commit();
      return ids;
    }
  }

  /** One batch of work: idminter's through the store, raw through the given connection. */
  @FunctionalInterface
  private interface BatchWork {
    void run(Batch batch, Connection raw) throws Exception;
  }

  /** Keys of one batch, and its position (raw inserts take their IDs by position). */
  private record Batch(int index, List<SourceIdentifier> keys) {}

  /**
   * Runs {@code batches} batches on {@code workers} threads, each with its own connection for raw
   * work; returns the wall time. Lookup keys are random seeded keys ({@code seed}); mint keys are
   * new ({@code newPrefix}). Keys are made before the clock starts.
   */
  private long run(int workers, int batches, BatchWork work, long seed, int sweep, String newPrefix)
      throws Exception {
    List<Batch> all = new ArrayList<>();
    Random random = new Random(seed * 1_000 + sweep);
    for (int b = 0; b < batches; b++) {
      List<SourceIdentifier> keys = new ArrayList<>(BATCH);
      for (int k = 0; k < BATCH; k++) {
        keys.add(
            newPrefix == null
                ? seededKey(Math.floorMod(random.nextLong(), rows))
                : new SourceIdentifier("Work", "bench-new", newPrefix + (b * BATCH + k)));
      }
      all.add(new Batch(b, keys));
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Connection> connections = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        connections.add(db.connect());
      }
      try {
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (Connection c : connections) {
          futures.add(
              pool.submit(
                  () -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                      work.run(all.get(b), c);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        return System.nanoTime() - t0;
      } finally {
        for (Connection c : connections) {
          c.close();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void lookup(IdStore store, Batch batch) {
    int hits = store.minter().lookup(batch.keys()).found().size();
    if (hits != new java.util.HashSet<>(batch.keys()).size()) {
      throw new IllegalStateException("lookup found " + hits + " of " + batch.keys().size());
    }
  }

  private static void mint(IdStore store, Batch batch) {
    store.minter().mint(batch.keys().stream().map(MintRequest::of).toList());
  }

  /** The simplest multi-row INSERT of the batch's rows, in one transaction. */
  private static void rawInsert(Connection c, Batch batch, List<String> ids) throws Exception {
    c.setAutoCommit(false);
    RawJdbc.insert(c, batch.keys(), k -> ids.get(batch.index() * BATCH + k));
    c.commit();
    c.setAutoCommit(true);
  }

  private Map<String, Object> timed(String op, long count, long nanos, int workers) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db.kind());
    r.put("part", "scale");
    r.put("seeded_rows", rows);
    r.put("operation", op);
    if (workers > 0) {
      r.put("workers", workers);
    }
    r.put("count", count);
    r.put("ms", nanos / 1_000_000.0);
    r.put("per_s", Math.round(count / (nanos / 1e9)));
    return r;
  }

  private Map<String, Object> compare(String op, int workers, int batches, long idm, long raw) {
    long keys = (long) batches * BATCH;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("database", db.kind());
    r.put("part", "scale");
    r.put("seeded_rows", rows);
    r.put("operation", op);
    r.put("workers", workers);
    r.put("keys", keys);
    r.put("idminter_ms", idm / 1_000_000.0);
    r.put("idminter_ids_per_s", Math.round(keys / (idm / 1e9)));
    r.put("raw_ms", raw / 1_000_000.0);
    r.put("raw_ids_per_s", Math.round(keys / (raw / 1e9)));
    r.put("ratio", (double) raw / idm);
    return r;
  }

  private static long pow(long base, int exp) {
    long r = 1;
    for (int i = 0; i < exp; i++) {
      r *= base;
    }
    return r;
  }
}
