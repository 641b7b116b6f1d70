package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.TestDatabase;

/** Minting over HTTP the hard ways: many clients at once, and while the server is stopping. */
final class HttpMinting {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpMinting() {}

  /**
   * 8 clients, 10 calls of 60 keys each: half from a pool of 200 keys every client draws from, a
   * tenth inheriting from a shared key, the rest each client's own. Every key gets one ID across
   * every answer, a lookup agrees, and the minting engine's invariants hold in SQL.
   */
  static void eightClients(ServerProcess server, Map<String, String> auth, TestDatabase db)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> seen = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        clients.add(
            pool.submit(
                () -> {
                  Random random = new Random(client);
                  for (int call = 0; call < 10; call++) {
                    List<Map<String, String>> requests = new ArrayList<>();
                    for (int i = 0; i < 60; i++) {
                      String shared = "Work[http-" + run + "/shared-" + random.nextInt(200) + "]";
                      String own = "Work[http-" + run + "/c" + client + "-" + call + "-" + i + "]";
                      Map<String, String> r = new HashMap<>();
                      if (i % 2 == 0) {
                        r.put("key", shared);
                      } else if (i % 10 == 1) {
                        r.put("key", own);
                        r.put("predecessor", "Work[http-" + run + "/shared-0]");
                        requests.add(Map.of("key", "Work[http-" + run + "/shared-0]"));
                      } else {
                        r.put("key", own);
                      }
                      requests.add(r);
                    }
                    ServerProcess.Response answer =
                        server.post(
                            "/v1/mint",
                            JSON.writeValueAsString(Map.of("requests", requests)),
                            auth);
                    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                    for (JsonNode row : JSON.readTree(answer.body()).get("ids")) {
                      String key = row.get("key").asText();
                      String id = row.get("canonical_id").asText();
                      String before = seen.putIfAbsent(key, id);
                      assertThat(before == null || before.equals(id))
                          .as("%s answered %s and %s", key, before, id)
                          .isTrue();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : clients) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> keys = new ArrayList<>(seen.keySet());
    for (int from = 0; from < keys.size(); from += 1000) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 1000));
      ServerProcess.Response lookup =
          server.post("/v1/lookup", JSON.writeValueAsString(Map.of("keys", chunk)), Map.of());
      JsonNode found = JSON.readTree(lookup.body()).get("found");
      assertThat(found).as(lookup.body()).hasSize(chunk.size());
      for (JsonNode row : found) {
        assertThat(row.get("canonical_id").asText()).isEqualTo(seen.get(row.get("key").asText()));
      }
    }
    InvariantChecker.check(db);
  }

  /**
   * Sends a mint of 10,000 new keys, stops the server (SIGTERM) while it works on them, and expects
   * the whole answer: the server finishes a request in flight before it exits. The log proves the
   * stop began before the request was answered. Returns the keys.
   */
  static List<String> mintWhileStopping(ServerProcess server) throws Exception {
    List<Map<String, String>> requests = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < 10_000; i++) {
      keys.add("Work[stop-" + run + "/" + i + "]");
      requests.add(Map.of("key", keys.get(i)));
    }
    String body = JSON.writeValueAsString(Map.of("requests", requests));
    ExecutorService client = Executors.newSingleThreadExecutor();
    try {
      Future<ServerProcess.Response> answer =
          client.submit(() -> server.post("/v1/mint", body, Map.of()));
      Thread.sleep(300);
      server.started.process().destroy(); // SIGTERM while the mint is under way
      ServerProcess.Response r = answer.get();
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("ids")).hasSize(10_000);
    } finally {
      client.shutdownNow();
    }
    CliProcess.Run stopped = server.stop(60);
    String log = stopped.out();
    assertThat(log).contains("idminter stopping").contains("idminter stopped");
    assertThat(log.indexOf("idminter stopping"))
        .as("the stop began while the mint was in flight")
        .isLessThan(log.indexOf("POST /v1/mint 200"));
    return keys;
  }
}
