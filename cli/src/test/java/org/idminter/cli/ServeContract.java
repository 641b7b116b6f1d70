package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.idminter.cli.ServerProcess.Response;
import org.idminter.serve.http.Tokens;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP API, black box: {@code idminter serve} as its own process on one database, every
 * endpoint, every error, credentials and limits, as a client sees them. Each database's class runs
 * this contract on its own server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServeContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "ci-token-" + UUID.randomUUID();

  Path dir;
  TestDatabase db;
  ServerProcess server;

  abstract TestDatabase database();

  static Map<String, String> auth() {
    return Map.of("Authorization", "Bearer " + TOKEN);
  }

  String[] dbArgs() {
    return new String[] {"--db", db.url(), "--db-user", db.user()};
  }

  Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    if (db.password() != null && !db.password().isEmpty()) {
      env.put("IDMINTER_DB_PASSWORD", db.password());
    }
    return env;
  }

  @BeforeAll
  void startServer() throws Exception {
    db = database();
    dir = Files.createTempDirectory("idminter-serve-it");
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(
        tokens,
        "# the CI's credential\nci:" + HexFormat.of().formatHex(Tokens.sha256(TOKEN)) + "\n");
    List<String> args = new ArrayList<>(List.of(dbArgs()));
    args.add("--apply-migrations");
    server =
        ServerProcess.start(
            dir,
            env(
                Map.of(
                    "IDMINTER_API_TOKENS_FILE",
                    tokens.toString(),
                    "IDMINTER_MAX_BODY_MB",
                    "1",
                    "IDMINTER_MAX_KEYS",
                    "2000")),
            args.toArray(String[]::new));
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      CliProcess.Run run = server.stop(60);
      assertThat(run.out()).contains("idminter stopped").doesNotContain(TOKEN);
    }
    observedAreDocumented();
  }

  static String encoded(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8);
  }

  static JsonNode json(Response r) throws Exception {
    return JSON.readTree(r.body());
  }

  Response mint(String... keys) throws Exception {
    StringBuilder body = new StringBuilder("{\"requests\": [");
    for (int i = 0; i < keys.length; i++) {
      body.append(i == 0 ? "" : ",").append("{\"key\": \"").append(keys[i]).append("\"}");
    }
    return server.post("/v1/mint", body.append("]}").toString(), auth());
  }

  String idOf(String key) throws Exception {
    Response r = mint(key);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return json(r).get("ids").get(0).get("canonical_id").asText();
  }

  @Test
  void mintLookupAndOneKeyAnswerTheSameIds() throws Exception {
    String a = "Work[sierra-system-number/b-" + UUID.randomUUID() + "]";
    String b = "Work[folio-instance/f-" + UUID.randomUUID() + "]";
    Response minted =
        server.post(
            "/v1/mint",
            "{\"requests\": [{\"key\": \""
                + a
                + "\"}, {\"key\": \""
                + b
                + "\", \"predecessor\": \""
                + a
                + "\"}, {\"key\": \""
                + a
                + "\"}]}",
            auth());
    assertThat(minted.status()).as(minted.body()).isEqualTo(200);
    JsonNode ids = json(minted).get("ids");
    assertThat(ids).hasSize(2);
    String id = ids.get(0).get("canonical_id").asText();
    assertThat(ids.get(1).get("canonical_id").asText()).as("b inherits a's ID").isEqualTo(id);

    String missing = "Work[sierra-system-number/never-" + UUID.randomUUID() + "]";
    Response lookup =
        server.post("/v1/lookup", "{\"keys\": [\"" + a + "\", \"" + missing + "\"]}", Map.of());
    assertThat(lookup.status()).isEqualTo(200);
    assertThat(json(lookup).get("found").get(0).get("canonical_id").asText()).isEqualTo(id);
    assertThat(json(lookup).get("missing").get(0).asText()).isEqualTo(missing);

    Response one = server.get("/v1/keys/<key>", encoded(a));
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(json(one).get("canonical_id").asText()).isEqualTo(id);
    assertThat(json(one).get("key").asText()).isEqualTo(a);
    Response none = server.get("/v1/keys/<key>", encoded(missing));
    assertThat(none.status()).isEqualTo(404);
    assertThat(json(none).get("detail").asText()).contains(missing);
    Response bad = server.get("/v1/keys/<key>", encoded("not a key"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(json(bad).get("detail").asText()).contains("the key in the path");
  }

  @Test
  void anIdAnswersItsKeysAMergedIdRedirectsAndAnUnknownOneIsNotFound() throws Exception {
    String a = "Work[sierra-system-number/m-" + UUID.randomUUID() + "]";
    String b = "Work[sierra-system-number/m-" + UUID.randomUUID() + "]";
    String into = idOf(a);
    String from = idOf(b);
    Response active = server.get("/v1/ids/{id}", into);
    assertThat(active.status()).as(active.body()).isEqualTo(200);
    assertThat(json(active).get("state").asText()).isEqualTo("active");
    assertThat(json(active).get("keys").get(0).asText()).isEqualTo(a);
    assertThat(json(active).get("key_roles").get(a).asText()).isEqualTo("original");

    List<String> merge = new ArrayList<>(List.of("merge", "apply", from, into));
    merge.addAll(List.of(dbArgs()));
    CliProcess.Run merged =
        CliProcess.run(dir, List.of(), env(Map.of()), merge.toArray(String[]::new));
    assertThat(merged.exit()).as(merged.err()).isZero();

    Response redirect = server.get("/v1/ids/{id}", from);
    assertThat(redirect.status()).as(redirect.body()).isEqualTo(301);
    assertThat(redirect.header("Location")).isEqualTo("/v1/ids/" + into);
    assertThat(json(redirect).get("target").asText()).isEqualTo(into);
    Response successor = server.get("/v1/ids/{id}", into);
    assertThat(json(successor).get("keys")).hasSize(2);

    Response unknown = server.get("/v1/ids/{id}", "zzzzzzzz");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
    Response malformed = server.get("/v1/ids/{id}", "NOT-AN-ID");
    assertThat(malformed.status()).isEqualTo(400);
  }

  @Test
  void identifyTakesOneWorkOrManyAndListsEachFailure() throws Exception {
    String work =
        "{\"state\": {\"sourceIdentifier\": {\"identifierType\": {\"id\": \"sierra-system-number\"},"
            + " \"ontologyType\": \"Work\", \"value\": \"w-"
            + UUID.randomUUID()
            + "\"}}, \"data\": {\"n\": 1E2}}";
    Response one =
        server.send("POST", "/v1/identify", new String[0], "application/json", work, auth());
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    JsonNode identified = json(one).get("works").get(0);
    assertThat(identified.get("state").get("canonicalId").asText()).hasSize(8);
    assertThat(one.body()).as("numbers keep their text").contains("1E2");

    String many = work + "\n{\"state\": {}}\n" + work.replace("w-", "w2-") + "\n";
    Response batch =
        server.send("POST", "/v1/identify", new String[0], "application/x-ndjson", many, auth());
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    JsonNode report = json(batch);
    assertThat(report.get("success_count").asInt()).isEqualTo(2);
    assertThat(report.get("failure_count").asInt()).isEqualTo(1);
    assertThat(report.get("errors").get(0).get("row_id").asText()).isEqualTo("line 2");
    assertThat(report.get("works")).hasSize(2);
    assertThat(report.get("works").get(0).get("state").get("canonicalId").asText())
        .isEqualTo(identified.get("state").get("canonicalId").asText());

    Response failed =
        server.send(
            "POST", "/v1/identify", new String[0], "application/json", "{\"state\": {}}", auth());
    assertThat(failed.status()).isEqualTo(422);
    Response tooMany =
        server.send(
            "POST",
            "/v1/identify",
            new String[0],
            "application/x-ndjson",
            "{\"state\": {}}\n".repeat(1001),
            auth());
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(json(tooMany).get("detail").asText()).contains("more than the 1,000 works");
    assertThat(json(failed).get("errors").get(0).get("stage").asText()).isEqualTo("extract_id");
  }

  @Test
  void idSchemesAndTheRegistry() throws Exception {
    Response ulids = server.post("/v1/new-ids", "{\"scheme\": \"ulid\", \"count\": 3}", Map.of());
    assertThat(ulids.status()).as(ulids.body()).isEqualTo(200);
    assertThat(json(ulids).get("ids")).hasSize(3);
    Response detect = server.post("/v1/detect", "{\"values\": [\"Q42\", \"vg7ev4w3\"]}", Map.of());
    assertThat(detect.body()).contains("\"scheme\":\"qid\"").contains("\"scheme\":\"canonical\"");
    Response badScheme = server.post("/v1/new-ids", "{\"scheme\": \"uuid7\"}", Map.of());
    assertThat(badScheme.status()).isEqualTo(400);
    assertThat(json(badScheme).get("detail").asText()).contains("uuid7");

    Response registered =
        server.post("/v1/registry/register", "{\"ids\": [\"Q42\", \"P31\"]}", auth());
    assertThat(registered.status()).as(registered.body()).isEqualTo(200);
    String internal = json(registered).get("ids").get(0).get("internal_id").asText();
    Response allocated =
        server.post("/v1/registry/allocate", "{\"type\": \"item\", \"count\": 2}", auth());
    assertThat(allocated.status()).as(allocated.body()).isEqualTo(200);
    assertThat(json(allocated).get("ids")).hasSize(2);
    Response resolved =
        server.post("/v1/registry/resolve", "{\"values\": [\"Q42\", \"Q999999999\"]}", Map.of());
    assertThat(json(resolved).get("found").get(0).get("internal_id").asText()).isEqualTo(internal);
    assertThat(json(resolved).get("missing").get(0).asText()).isEqualTo("Q999999999");
    assertThat(server.get("/v1/registry/{value}", "Q42").status()).isEqualTo(200);
    assertThat(server.get("/v1/registry/{value}", internal).body()).contains("\"Q42\"");
    assertThat(server.get("/v1/registry/{value}", "Q999999999").status()).isEqualTo(404);
    Response bad = server.post("/v1/registry/register", "{\"ids\": [\"X1\"]}", auth());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(json(bad).get("detail").asText()).contains("X1");
  }

  @Test
  void healthMetricsAndTheOpenApiDocument() throws Exception {
    assertThat(server.get("/health/live").status()).isEqualTo(200);
    Response ready = server.get("/health/ready");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(json(ready).get("schema_version").asText())
        .isEqualTo(json(ready).get("schema_latest").asText());
    idOf("Work[sierra-system-number/metrics-" + UUID.randomUUID() + "]");
    Response metrics = server.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("http_server_requests_seconds_bucket{")
        .contains("route=\"/v1/mint\"")
        .contains("hikaricp_connections_active{")
        .contains("idminter_mint_keys_total")
        .contains("idminter_pool_free")
        .contains("jvm_memory_used_bytes");
    assertThat(server.get("/openapi.yaml").body()).startsWith("openapi: 3.0.3");
  }

  @Test
  void everyErrorIsJsonNamingTheInputAndNeverAStackTrace() throws Exception {
    List<Response> errors = new ArrayList<>();
    Response tooLarge =
        server.post("/v1/lookup", "{\"keys\": [\"" + "x".repeat(1_200_000) + "\"]}", Map.of());
    assertThat(tooLarge.status()).isEqualTo(413);
    errors.add(tooLarge);
    StringBuilder many = new StringBuilder("{\"keys\": [");
    for (int i = 0; i < 2001; i++) {
      many.append(i == 0 ? "" : ",").append("\"Work[s/").append(i).append("]\"");
    }
    Response tooMany = server.post("/v1/lookup", many.append("]}").toString(), Map.of());
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(json(tooMany).get("error").asText()).isEqualTo("limit_exceeded");
    assertThat(json(tooMany).get("detail").asText()).contains("2,001").contains("2,000");
    errors.add(tooMany);
    Response wrongType =
        server.send("POST", "/v1/lookup", new String[0], "text/plain", "{\"keys\": []}", Map.of());
    assertThat(wrongType.status()).isEqualTo(415);
    errors.add(wrongType);
    Response malformed = server.post("/v1/lookup", "{\"keys\": [", Map.of());
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(json(malformed).get("detail").asText()).contains("malformed JSON at line 1");
    errors.add(malformed);
    Response duplicate = server.post("/v1/lookup", "{\"keys\": [], \"keys\": []}", Map.of());
    assertThat(duplicate.status()).isEqualTo(400);
    errors.add(duplicate);
    Response badKey =
        server.post(
            "/v1/mint", "{\"requests\": [{\"key\": \"Work[s/1]\"}, {\"key\": \"oops\"}]}", auth());
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(json(badKey).get("detail").asText()).startsWith("requests[1].key");
    errors.add(badKey);
    Response noRoute = server.get("/v1/nothing-here");
    assertThat(noRoute.status()).isEqualTo(404);
    errors.add(noRoute);
    Response wrongMethod = server.get("/v1/mint");
    assertThat(wrongMethod.status()).isEqualTo(405);
    errors.add(wrongMethod);
    Response noPredecessor =
        server.post(
            "/v1/mint",
            "{\"requests\": [{\"key\": \"Work[s/p-"
                + UUID.randomUUID()
                + "]\", \"predecessor\": \"Work[s/never-"
                + UUID.randomUUID()
                + "]\"}]}",
            auth());
    assertThat(noPredecessor.status()).as(noPredecessor.body()).isEqualTo(422);
    errors.add(noPredecessor);
    for (Response e : errors) {
      assertThat(e.header("Content-Type")).startsWith("application/json");
      JsonNode body = json(e);
      assertThat(body.get("error").asText()).isNotBlank();
      assertThat(body.get("detail").asText()).isNotBlank();
      assertThat(e.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void writesNeedTheTokenReadsDoNotAndTheLogNeverShowsIt() throws Exception {
    String key = "Work[sierra-system-number/auth-" + UUID.randomUUID() + "]";
    String body = "{\"requests\": [{\"key\": \"" + key + "\"}]}";
    Response none = server.post("/v1/mint", body, Map.of());
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
    Response wrong = server.post("/v1/mint", body, Map.of("Authorization", "Bearer nope"));
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(server.post("/v1/identify", "{}", Map.of()).status()).isEqualTo(401);
    assertThat(server.post("/v1/registry/allocate", "{}", Map.of()).status()).isEqualTo(401);
    assertThat(server.post("/v1/lookup", "{\"keys\": [\"" + key + "\"]}", Map.of()).body())
        .as("nothing was minted without the token")
        .contains("\"missing\":[\"" + key + "\"]");
    Map<String, String> traced = new java.util.HashMap<>(auth());
    traced.put("X-Request-Id", "trace-42");
    Response ok = server.post("/v1/mint", body, traced);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("X-Request-Id")).isEqualTo("trace-42");
    Thread.sleep(200);
    assertThat(server.log())
        .contains("POST /v1/mint 200")
        .contains("id=trace-42 credential=ci")
        .doesNotContain(TOKEN);
  }

  @Test
  void eightClientsMintingOverlappingKeysGetOneIdPerKeyAndTheInvariantsHold() throws Exception {
    HttpMinting.eightClients(server, auth(), db);
  }

  @Test
  void sigtermLetsARequestInFlightFinishAndCommit() throws Exception {
    List<String> args = new ArrayList<>(List.of(dbArgs()));
    args.add("--insecure-no-auth");
    ServerProcess second = ServerProcess.start(dir, env(Map.of()), args.toArray(String[]::new));
    List<String> keys = HttpMinting.mintWhileStopping(second);
    for (int from = 0; from < keys.size(); from += 2000) {
      List<String> chunk = keys.subList(from, from + 2000);
      Response lookup =
          server.post("/v1/lookup", JSON.writeValueAsString(Map.of("keys", chunk)), Map.of());
      assertThat(json(lookup).get("found")).as("the mint in flight committed").hasSize(2000);
    }
  }

  /** Every answer seen is one the OpenAPI document lists for its operation. */
  static void observedAreDocumented() {
    try {
      JsonNode doc;
      try (var in = org.idminter.serve.ApiServer.class.getResourceAsStream("openapi.yaml")) {
        doc =
            new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in);
      }
      for (String seen : ServerProcess.OBSERVED) {
        String[] p = seen.split(" ");
        JsonNode op = doc.get("paths").path(p[1]).path(p[0].toLowerCase(java.util.Locale.ROOT));
        if (op.isMissingNode()) {
          // Not an endpoint (a wrong method or no such route): the error shape was checked.
          continue;
        }
        assertThat(op.get("responses").has(p[2]))
            .as("%s is documented in openapi.yaml", seen)
            .isTrue();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
