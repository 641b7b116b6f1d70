package org.idminter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.serve.ApiServer;
import org.idminter.serve.http.ServeLogging;
import org.idminter.serve.http.ServeSettings;
import org.idminter.serve.http.Tokens;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabase;

/**
 * bench/run --parts http: the HTTP API under load from wrk (Debian's package) on loopback, on each
 * database: GET /v1/keys/{key} without and with the in-process cache, GET /v1/ids/{id}, POST
 * /v1/mint of 1 and of 500 new keys. Requests per second and p50/p99/p99.9 latency, from wrk's own
 * histogram. The server runs in this JVM with its JSON access log on (written to a file); wrk and
 * the database share the machine's cores with it.
 */
final class HttpBench {
  private static final int SEEDED = 100_000;
  private static final int THREADS = 2;

  private HttpBench() {}

  static void run(List<String> databases, int seconds, Map<String, Object> json, StringBuilder md)
      throws Exception {
    Path dir = Files.createTempDirectory("idminter-http-bench");
    Path common = resource(dir, "common.lua");
    Path paths = resource(dir, "paths.lua");
    Path mint = resource(dir, "mint.lua");
    List<Map<String, Object>> rows = new ArrayList<>();
    Path live = dir.resolve("live.txt");
    Files.writeString(live, "/health/live\n");
    Path log = dir.resolve("access.log");
    try (OutputStream logged = Files.newOutputStream(log)) {
      // The access log is written as in production (one JSON line per request), to a file.
      ServeLogging.configure(ServeSettings.LogFormat.JSON, logged);
      for (String name : databases) {
        TestDatabase db = BenchDatabases.get(name);
        db.reset();
        Path keyPaths = dir.resolve(name + "-keys.txt");
        Path idPaths = dir.resolve(name + "-ids.txt");
        try (IdStore store = RegistryBench.open(db, Optional.empty())) {
          seed(store, keyPaths, idPaths);
          try (Server s = new Server(store)) {
            if (rows.isEmpty()) {
              // The JIT needs about half a minute of load before the server's speed settles.
              wrkOnce(16, 30, s, paths, common, Map.of("WRK_PATHS", keyPaths.toString()));
            }
            rows.add(
                wrk(
                    db,
                    "GET /health/live (no database)",
                    "-",
                    16,
                    seconds,
                    s,
                    paths,
                    common,
                    Map.of("WRK_PATHS", live.toString())));
            rows.add(
                wrk(
                    db,
                    "GET /v1/keys/{key}",
                    "none",
                    16,
                    seconds,
                    s,
                    paths,
                    common,
                    Map.of("WRK_PATHS", keyPaths.toString())));
            rows.add(
                wrk(
                    db,
                    "GET /v1/ids/{id}",
                    "none",
                    16,
                    seconds,
                    s,
                    paths,
                    common,
                    Map.of("WRK_PATHS", idPaths.toString())));
            rows.add(
                wrk(
                    db,
                    "POST /v1/mint (1 new key)",
                    "none",
                    8,
                    seconds,
                    s,
                    mint,
                    common,
                    Map.of("WRK_KEYS", "1", "WRK_RUN", UUID.randomUUID().toString())));
            rows.add(
                wrk(
                    db,
                    "POST /v1/mint (500 new keys)",
                    "none",
                    4,
                    seconds,
                    s,
                    mint,
                    common,
                    Map.of("WRK_KEYS", "500", "WRK_RUN", UUID.randomUUID().toString())));
          }
        }
        try (IdStore store = RegistryBench.open(db, Optional.of("memory"));
            Server s = new Server(store)) {
          warm(store);
          rows.add(
              wrk(
                  db,
                  "GET /v1/keys/{key}",
                  "in-process",
                  16,
                  seconds,
                  s,
                  paths,
                  common,
                  Map.of("WRK_PATHS", keyPaths.toString())));
        }
      }
    }
    json.put("http", rows);
    md.append("\n## HTTP API (wrk, ")
        .append(THREADS)
        .append(" threads, ")
        .append(seconds)
        .append(" s per row after ")
        .append(seconds)
        .append(" s of warm-up; JSON access log on)\n\n")
        .append(
            "| database | request | cache | connections | requests/s | p50 ms | p99 ms | p99.9 ms | errors |\n")
        .append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      md.append(
          String.format(
              "| %s | %s | %s | %d | %,.0f | %.2f | %.2f | %.2f | %d |%n",
              r.get("database"),
              r.get("request"),
              r.get("cache"),
              (Integer) r.get("connections"),
              (Double) r.get("requests_per_second"),
              (Double) r.get("p50_ms"),
              (Double) r.get("p99_ms"),
              (Double) r.get("p999_ms"),
              (Long) r.get("errors")));
    }
  }

  /** The server on a free loopback port, writes open (loopback), until closed. */
  private static final class Server implements AutoCloseable {
    final ApiServer api;
    final int port;

    Server(IdStore store) {
      ServeSettings settings =
          ServeSettings.resolve(
              new ServeSettings.Overrides(
                  Optional.empty(),
                  Optional.of(0),
                  Optional.empty(),
                  false,
                  false,
                  Optional.of("json")),
              Map.of());
      api =
          new ApiServer(
              settings, store, Tokens.NONE, false, InstantSource.system(), new SecureRandom());
      port = api.start();
    }

    @Override
    public void close() {
      api.stop();
    }
  }

  /** Mints {@value #SEEDED} keys and writes the GET paths of their keys and of their IDs. */
  private static void seed(IdStore store, Path keyPaths, Path idPaths) throws IOException {
    List<String> keys = new ArrayList<>(SEEDED);
    List<String> ids = new ArrayList<>(SEEDED);
    for (int from = 0; from < SEEDED; from += 1000) {
      List<MintRequest> batch = new ArrayList<>(1000);
      for (int i = from; i < from + 1000; i++) {
        batch.add(MintRequest.of(SourceIdentifier.parse("Work[sierra-system-number/b" + i + "]")));
      }
      for (Map.Entry<SourceIdentifier, CanonicalId> e : store.minter().mint(batch).entrySet()) {
        keys.add("/v1/keys/" + URLEncoder.encode(e.getKey().toString(), StandardCharsets.UTF_8));
        ids.add("/v1/ids/" + e.getValue().value());
      }
    }
    Files.write(keyPaths, keys);
    Files.write(idPaths, ids);
  }

  /** Looks every seeded key up once, so the in-process cache holds them all. */
  private static void warm(IdStore store) {
    for (int from = 0; from < SEEDED; from += 1000) {
      List<SourceIdentifier> batch = new ArrayList<>(1000);
      for (int i = from; i < from + 1000; i++) {
        batch.add(SourceIdentifier.parse("Work[sierra-system-number/b" + i + "]"));
      }
      store.minter().lookup(batch);
    }
  }

  /** Warm-up, then the measured run; its RESULT line becomes a row. */
  private static Map<String, Object> wrk(
      TestDatabase db,
      String request,
      String cache,
      int connections,
      int seconds,
      Server server,
      Path script,
      Path common,
      Map<String, String> env)
      throws Exception {
    wrkOnce(connections, seconds, server, script, common, env);
    String[] r = wrkOnce(connections, seconds, server, script, common, env);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("database", db.kind());
    row.put("request", request);
    row.put("cache", cache);
    row.put("connections", connections);
    row.put("requests_per_second", Long.parseLong(r[1]) / Double.parseDouble(r[2]));
    row.put("p50_ms", Long.parseLong(r[5]) / 1000.0);
    row.put("p99_ms", Long.parseLong(r[6]) / 1000.0);
    row.put("p999_ms", Long.parseLong(r[7]) / 1000.0);
    row.put("errors", Long.parseLong(r[3]) + Long.parseLong(r[4]));
    System.err.printf("http: %s %s (%s): %s%n", db.kind(), request, cache, String.join(" ", r));
    return row;
  }

  private static String[] wrkOnce(
      int connections,
      int seconds,
      Server server,
      Path script,
      Path common,
      Map<String, String> env)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "wrk",
                "-t" + THREADS,
                "-c" + connections,
                "-d" + seconds + "s",
                "--timeout",
                "10s",
                "-s",
                script.toString(),
                "http://127.0.0.1:" + server.port)
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("WRK_COMMON", common.toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "wrk is not installed: install Debian's package (apt-get install wrk) for --parts http",
          e);
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + output);
    }
    for (String line : output.split("\n")) {
      if (line.startsWith("RESULT ")) {
        return line.split(" ");
      }
    }
    throw new IllegalStateException("wrk printed no RESULT line: " + output);
  }

  private static Path resource(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = HttpBench.class.getResourceAsStream("wrk/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }
}
