package org.idminter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.idminter.core.MintRequest;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.PoolPolicy;
import org.idminter.store.StoreConfig;
import org.idminter.store.testing.StatementCounter;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/**
 * Runs the workloads on real databases and, in the same run and on the same rows, the database's
 * own limit: the simplest multi-row INSERT and plain batched primary-key SELECTs. Prints a Markdown
 * table and writes JSON. Run it with {@code bench/run} (see docs/benchmarks.md).
 */
public final class WorkloadBench {
  private static final int ITERATIONS = 9;

  private WorkloadBench() {}

  static final String USAGE =
      "usage: bench/run [--databases h2,mariadb,postgresql,mysql] [--parts"
          + " workloads,scale,documents,jmh,reopen,fuzz] [--scale 1000000[,10000000]]"
          + " [--scale-databases mariadb,postgresql] [--workers 1,2,4,8] [--lookup-batches 200]"
          + " [--mint-batches 50] [--document-copies 1000] [--reopen-seconds 300] [--fuzz-works"
          + " 10000] [--fuzz-csv-rows 1250] [--fuzz-seed 1] [--json FILE]";

  private static final List<String> DATABASES = List.of("h2", "mariadb", "postgresql", "mysql");
  private static final List<String> PARTS =
      List.of("workloads", "scale", "documents", "jmh", "reopen", "fuzz");

  /** Every option checked before anything runs: a bad value is a usage error naming it (exit 2). */
  private static void check(Map<String, String> opt) {
    List<String> bad = new ArrayList<>();
    for (String name : List.of("databases", "scale-databases")) {
      for (String v : opt.get(name).split(",")) {
        if (!DATABASES.contains(v)) {
          bad.add("--" + name + ": unknown database '" + v + "' (one of " + DATABASES + ")");
        }
      }
    }
    for (String v : opt.get("parts").split(",")) {
      if (!PARTS.contains(v)) {
        bad.add("--parts: unknown part '" + v + "' (one of " + PARTS + ")");
      }
    }
    for (String name :
        List.of(
            "scale",
            "workers",
            "lookup-batches",
            "mint-batches",
            "document-copies",
            "reopen-seconds",
            "fuzz-works",
            "fuzz-csv-rows",
            "fuzz-seed")) {
      for (String v : opt.get(name).split(",")) {
        if (!v.matches("[1-9][0-9]{0,8}")) {
          bad.add("--" + name + ": '" + v + "' is not a positive whole number");
        }
      }
    }
    if (!bad.isEmpty()) {
      System.err.println(String.join("\n", bad) + "\n" + USAGE);
      System.exit(2);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    opt.put("databases", "h2,mariadb,postgresql");
    opt.put("parts", "workloads,scale,documents,jmh");
    opt.put("scale", "1000000");
    // Not H2 by default: its plain IN-list SELECT (the raw baseline) scans the key's whole (type,
    // system) group, seconds per statement at 1M rows.
    opt.put("scale-databases", "mariadb,postgresql");
    opt.put("workers", "1,2,4,8");
    opt.put("json", "bench/target/bench-results.json");
    opt.put("lookup-batches", "200");
    opt.put("mint-batches", "50");
    opt.put("document-copies", "1000");
    opt.put("reopen-seconds", "300");
    opt.put("fuzz-works", "10000");
    opt.put("fuzz-csv-rows", "1250");
    opt.put("fuzz-seed", "1");
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (!opt.containsKey(name) || i + 1 == args.length) {
        System.err.println("bad argument " + args[i] + "\n" + USAGE);
        System.exit(2);
      }
      opt.put(name, args[++i]);
    }
    check(opt);
    List<String> databases = Arrays.asList(opt.get("databases").split(","));
    List<String> parts = Arrays.asList(opt.get("parts").split(","));
    Path out = Path.of(opt.get("json"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", "bench/run " + String.join(" ", args));
    json.put("machine", Machine.describe());
    json.put("options", opt);
    StringBuilder md = new StringBuilder();
    List<Workload> workloads =
        List.of(
            Workload.allNew(1000, 5),
            Workload.allExisting(1000, 5),
            Workload.mixed(1000, 5),
            Workload.largeFanout(200, 51));
    boolean anomalies = false;

    if (parts.contains("workloads")) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String name : databases) {
        TestDatabase db = database(name);
        rows.addAll(measure(db, workloads));
        System.err.println("done: workloads on " + db.kind());
        rows.add(topUpRate(db));
      }
      json.put("workloads", rows);
      md.append("## Workloads\n\n").append(markdown(rows)).append(ratios(rows));
      md.append(profiles(rows));
    }
    if (parts.contains("scale")) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int[] workers =
          Arrays.stream(opt.get("workers").split(",")).mapToInt(Integer::parseInt).toArray();
      for (String size : opt.get("scale").split(",")) {
        for (String name : opt.get("scale-databases").split(",")) {
          rows.addAll(
              new ScaleBench(
                      database(name),
                      Long.parseLong(size),
                      workers,
                      Integer.parseInt(opt.get("lookup-batches")),
                      Integer.parseInt(opt.get("mint-batches")))
                  .run());
          System.err.println("done: scale " + size + " on " + name);
        }
      }
      json.put("scale", rows);
      md.append("\n## Scale and concurrency\n\n").append(Reports.scale(rows));
    }
    if (parts.contains("documents")) {
      DocumentBench docs =
          new DocumentBench(
              Path.of("examples/works.jsonl"), Integer.parseInt(opt.get("document-copies")));
      Path input = docs.writeInput();
      List<Map<String, Object>> rows = new ArrayList<>();
      try {
        rows.add(docs.inventing(input));
        for (String name : databases) {
          rows.add(docs.real(database(name), input));
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
    if (parts.contains("reopen")) {
      // Not part of the default run: a durability check, not a measurement.
      Map<String, Object> r =
          ReopenCheck.run(database("h2"), workloads, Integer.parseInt(opt.get("reopen-seconds")));
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
        rows.add(
            FuzzBench.run(
                database(name),
                Long.parseLong(opt.get("fuzz-seed")),
                Integer.parseInt(opt.get("fuzz-works")),
                Integer.parseInt(opt.get("fuzz-csv-rows"))));
        System.err.println("done: fuzz on " + name);
      }
      json.put("fuzz", rows);
      anomalies |= !rows.stream().allMatch(FuzzBench::clean);
      md.append("\n## Hostile input (fuzz)\n\n").append(FuzzBench.table(rows));
    }
    json.put("servers", SERVERS);
    System.out.println(md);
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
    System.out.println("JSON written to " + out);
    if (anomalies) {
      System.exit(1);
    }
  }

  /** Databases as the tests find them; H2 is a file database, as the embedded default is. */
  static TestDatabase database(String name) {
    TestDatabase known = OPENED.get(name);
    if (known != null) {
      return known;
    }
    TestDatabase db = open(name);
    OPENED.put(name, db);
    try (java.sql.Connection c = db.connect()) {
      var meta = c.getMetaData();
      SERVERS.put(
          db.kind(),
          meta.getDatabaseProductName()
              + " "
              + meta.getDatabaseProductVersion()
              + cacheSetting(c, db.kind()));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot reach " + db, e);
    }
    return db;
  }

  private static final Map<String, TestDatabase> OPENED = new LinkedHashMap<>();

  /**
   * The server's data cache, recorded with the figures: once tables outgrow it (the stock 128 MB
   * does at about 1M mappings), imports and lookups become bound by the disk.
   */
  private static String cacheSetting(java.sql.Connection c, String kind)
      throws java.sql.SQLException {
    String query =
        switch (kind) {
          case "MariaDB", "MySQL" ->
              "SELECT CONCAT('innodb_buffer_pool_size ', @@innodb_buffer_pool_size DIV 1048576, ' MB')";
          case "PostgreSQL" -> "SELECT 'shared_buffers ' || current_setting('shared_buffers')";
          default -> null;
        };
    if (query == null) {
      return "";
    }
    try (var st = c.createStatement();
        var rs = st.executeQuery(query)) {
      rs.next();
      return ", " + rs.getString(1);
    }
  }

  /** Server versions of the databases used, recorded with the figures. */
  private static final Map<String, String> SERVERS = new LinkedHashMap<>();

  private static TestDatabase open(String name) {
    return switch (name) {
      case "h2" -> TestDatabases.h2File();
      case "mariadb" -> TestDatabases.mariaDb("bench");
      case "postgresql" -> TestDatabases.postgres("bench");
      case "mysql" -> TestDatabases.mySql("bench");
      default ->
          throw new IllegalArgumentException(
              "unknown database " + name + " (h2, mariadb, postgresql, mysql)\n" + USAGE);
    };
  }

  /**
   * idminter's rates as a share of the raw baselines: the median over rounds of each round's own
   * ratio (see {@link #measure}).
   */
  private static String ratios(List<Map<String, Object>> rows) {
    StringBuilder sb =
        new StringBuilder(
            "\n| database | all-existing vs raw batched PK SELECT | all-new vs raw multi-row INSERT |\n"
                + "|---|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      if (r.containsKey(NEW_VS_RAW)) {
        sb.append(
            String.format(
                "| %s | %.0f%% | %.0f%% |%n",
                r.get("database"), (double) r.get(EXISTING_VS_RAW), (double) r.get(NEW_VS_RAW)));
      }
    }
    return sb.toString();
  }

  private static final String NEW_VS_RAW = "all_new_vs_raw_insert_pct";
  private static final String EXISTING_VS_RAW = "all_existing_vs_raw_select_pct";

  private static IdStore open(TestDatabase db, StatementCounter counter) {
    StoreConfig c = db.config(new PoolPolicy(false, 0, 1));
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
    Workload allExisting = byName(workloads, "all-existing");
    List<SourceIdentifier> keys =
        allNew.calls().stream().flatMap(List::stream).map(MintRequest::key).toList();
    List<Long> insertNanos = new ArrayList<>();
    List<Long> selectNanos = new ArrayList<>();
    List<Double> newVsRaw = new ArrayList<>();
    List<Double> existingVsRaw = new ArrayList<>();
    for (int i = 0; i <= ITERATIONS; i++) {
      Map<String, Long> round = new LinkedHashMap<>();
      for (Workload w : workloads) {
        StatementCounter counter = new StatementCounter();
        round.put(w.name(), runOnce(db, w, counter));
        lastCounter.put(w.name(), counter);
      }
      long[] raw = rawOnce(db, keys);
      if (i > 0) {
        round.forEach(
            (w, elapsed) -> nanos.computeIfAbsent(w, n -> new ArrayList<>()).add(elapsed));
        insertNanos.add(raw[0]);
        selectNanos.add(raw[1]);
        newVsRaw.add(
            100.0 * raw[0] / keys.size() * allNew.identifiers() / round.get(allNew.name()));
        existingVsRaw.add(
            100.0
                * raw[1]
                / keys.size()
                * allExisting.identifiers()
                / round.get(allExisting.name()));
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
    r.put(NEW_VS_RAW, median(newVsRaw));
    r.put(EXISTING_VS_RAW, median(existingVsRaw));
    r.put("all_new_vs_raw_insert_pct_per_round", newVsRaw);
    r.put("all_existing_vs_raw_select_pct_per_round", existingVsRaw);
    rows.add(r);
    return rows;
  }

  private static Workload byName(List<Workload> workloads, String name) {
    return workloads.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * One run of a workload on fresh state: the pool filled and the seed minted untimed, then the
   * mint calls timed and counted by {@code counter}. Returns the elapsed nanoseconds.
   */
  static long runOnce(TestDatabase db, Workload w, StatementCounter counter) {
    db.reset();
    try (IdStore store = open(db, counter)) {
      prepare(store, w);
      counter.reset();
      long t0 = System.nanoTime();
      for (List<MintRequest> call : w.calls()) {
        store.minter().mint(call);
      }
      return System.nanoTime() - t0;
    }
  }

  /** A workload's untimed part: the pool filled for it and its seed minted. */
  static void prepare(IdStore store, Workload w) {
    store.pool().topUp(w.identifiers() + w.seed().size() + 100, ProgressListener.NONE);
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

  /**
   * The same rows as all-new, by the simplest multi-row INSERT, and fetched by batched PK SELECTs,
   * on fresh state: returns the nanoseconds of the INSERTs (with their commit) and of the SELECTs.
   */
  private static long[] rawOnce(TestDatabase db, List<SourceIdentifier> keys) throws Exception {
    db.reset();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE identifiers (OntologyType varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL,"
              + " SourceId varchar(255) NOT NULL, CanonicalId varchar(8) NOT NULL, PRIMARY KEY (OntologyType, SourceSystem, SourceId))");
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      for (int from = 0; from < keys.size(); from += 1000) {
        int first = from;
        RawJdbc.insert(
            c,
            keys.subList(from, Math.min(keys.size(), from + 1000)),
            k -> String.format("a%07d", first + k));
      }
      c.commit();
      long inserted = System.nanoTime() - t0;
      c.setAutoCommit(true);
      long t1 = System.nanoTime();
      for (int from = 0; from < keys.size(); from += 1000) {
        RawJdbc.select(c, keys.subList(from, Math.min(keys.size(), from + 1000)));
      }
      return new long[] {inserted, System.nanoTime() - t1};
    }
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
      if (!(r.get("profile_last_iteration") instanceof List<?> profile)) {
        continue;
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
