package org.idminter.pipeline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.junit.jupiter.api.Test;

class SearchClientTest {
  @Test
  void anUnreachableEngineIsNamedWithTheCauseInWords() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    SearchClient client =
        new SearchClient(
            "http://127.0.0.1:" + port,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            new Random(1),
            d -> {});
    assertThatThrownBy(() -> client.send("GET", "/", null, "application/json"))
        .isInstanceOf(IdMinterException.class)
        .hasMessage(
            "the search engine at http://127.0.0.1:"
                + port
                + " is unreachable after 6 attempts (GET /): connection refused: nothing answers at"
                + " that host and port")
        .satisfies(
            e -> assertThat(((IdMinterException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }
}
