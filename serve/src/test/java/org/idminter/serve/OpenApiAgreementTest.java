package org.idminter.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.idminter.serve.http.ServeSettings;
import org.idminter.serve.http.Tokens;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The server and its OpenAPI document agree: every endpoint the server has is described, every
 * described operation exists, and the document the server hands out is the one in the repository.
 */
class OpenApiAgreementTest {
  @Test
  void everyEndpointIsDescribedAndEveryDescribedOperationExists() throws Exception {
    JsonNode doc;
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.yaml")) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    List<String> described = new ArrayList<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    ServeSettings settings =
        ServeSettings.resolve(
            new ServeSettings.Overrides(
                Optional.empty(), Optional.of(0), Optional.empty(), false, false, Optional.empty()),
            Map.of());
    try (IdStore store = IdStore.builder(TestDatabases.h2().config(), new SecureRandom()).open()) {
      ApiServer server =
          new ApiServer(
              settings, store, Tokens.NONE, false, InstantSource.system(), new SecureRandom());
      int port = server.start();
      try {
        List<String> served =
            server.endpoints().stream().map(e -> e.replaceAll("<([a-z]+)>", "{$1}")).toList();
        assertThat(served).containsExactlyInAnyOrderElementsOf(described);
        HttpResponse<String> yaml =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openapi.yaml"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(yaml.body())).isEqualTo(doc);
      } finally {
        server.stop();
      }
    }
  }
}
