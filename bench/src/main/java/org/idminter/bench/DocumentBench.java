package org.idminter.bench;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idminter.core.CanonicalId;
import org.idminter.core.LookupResult;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.CanonicalIdGenerator;
import org.idminter.pipeline.IdentifyRun;
import org.idminter.pipeline.RunReport;
import org.idminter.pipeline.sink.JsonLinesSink;
import org.idminter.pipeline.source.JsonLinesSource;
import org.idminter.store.IdStore;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.testing.TestDatabase;

/**
 * The document path: works per second through identify on JSON Lines (read, walk, mint, embed,
 * write), with the real minter on a database and with a minter that invents IDs without one (the
 * cost of the JSON work alone).
 */
final class DocumentBench {
  private static final Pattern VALUE = Pattern.compile("(\"value\": \")([^\"]*)(\")");
  private static final int ITERATIONS = 3;

  private final Path examples;
  private final int copies;

  /**
   * @param copies how many times the example works are repeated, each copy with its own identifier
   *     values (8 works per copy)
   */
  DocumentBench(Path examples, int copies) {
    this.examples = examples;
    this.copies = copies;
  }

  /** The example works, {@code copies} times, every identifier value suffixed with the copy. */
  Path writeInput() throws Exception {
    List<String> lines =
        Files.readAllLines(examples, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    Path input = Files.createTempFile("idminter-bench-works", ".jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(input)) {
      for (int c = 0; c < copies; c++) {
        for (String line : lines) {
          Matcher m = VALUE.matcher(line);
          String suffix = "-" + c;
          w.write(
              m.replaceAll(
                  r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + suffix + r.group(3))));
          w.write('\n');
        }
      }
    }
    return input;
  }

  int works() throws Exception {
    return (int) Files.readAllLines(examples).stream().filter(l -> !l.isBlank()).count() * copies;
  }

  /** Median works/s of identify over fresh state, with the real minter on {@code db}. */
  Map<String, Object> real(TestDatabase db, Path input) throws Exception {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i <= ITERATIONS; i++) {
      db.reset();
      try (IdStore store =
          IdStore.builder(db.config(new PoolPolicy(false, 0, 1)), new Random(3)).open()) {
        store.pool().topUp(works() * 8L, ProgressListener.NONE);
        long t = identify(store.minter(), input);
        if (i > 0) {
          nanos.add(t);
        }
      }
    }
    return row(db.kind() + " (real minter)", nanos);
  }

  /** Median works/s with a minter that invents IDs in memory. */
  Map<String, Object> inventing(Path input) throws Exception {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i <= ITERATIONS + 2; i++) {
      long t = identify(new InventingMinter(), input);
      if (i > 0) {
        nanos.add(t);
      }
    }
    return row("no database (IDs invented in memory)", nanos);
  }

  private long identify(Minter minter, Path input) throws Exception {
    Path output = Files.createTempFile("idminter-bench-identified", ".jsonl");
    try {
      long t0 = System.nanoTime();
      RunReport report;
      try (InputStream in = Files.newInputStream(input);
          JsonLinesSource source = new JsonLinesSource(in, 16L * 1024 * 1024, 1000);
          BufferedWriter out = Files.newBufferedWriter(output);
          JsonLinesSink sink = new JsonLinesSink(out)) {
        report =
            new IdentifyRun(minter, 500)
                .run(source, sink, new RunReport("bench", Optional.empty()), ProgressListener.NONE);
      }
      long elapsed = System.nanoTime() - t0;
      if (report.failureCount() != 0 || report.successCount() != works()) {
        throw new IllegalStateException(
            "identify failed works: "
                + report.failureCount()
                + " failed, "
                + report.successCount()
                + " succeeded; first: "
                + report.errors().stream().findFirst());
      }
      return elapsed;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private Map<String, Object> row(String minter, List<Long> nanos) throws Exception {
    long median = nanos.stream().sorted().toList().get(nanos.size() / 2);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("part", "documents");
    r.put("minter", minter);
    r.put("works", works());
    r.put("median_ms", median / 1_000_000.0);
    r.put("works_per_s", Math.round(works() / (median / 1e9)));
    return r;
  }

  /** Gives every key an ID from memory; an inheriting key gets its predecessor's. */
  static final class InventingMinter implements Minter {
    private final Map<SourceIdentifier, CanonicalId> ids = new HashMap<>();
    private final CanonicalIdGenerator generator =
        new CanonicalIdGenerator(new SplittableRandom(1));

    @Override
    public Map<SourceIdentifier, CanonicalId> mint(List<MintRequest> requests) {
      Map<SourceIdentifier, CanonicalId> out = new LinkedHashMap<>();
      for (MintRequest r : requests) {
        SourceIdentifier root = r.predecessor().orElse(r.key());
        CanonicalId id = ids.computeIfAbsent(root, k -> generator.next());
        ids.putIfAbsent(r.key(), id);
        out.put(r.key(), ids.get(r.key()));
      }
      return out;
    }

    @Override
    public LookupResult lookup(Collection<SourceIdentifier> keys) {
      throw new UnsupportedOperationException("identify never looks up");
    }
  }
}
