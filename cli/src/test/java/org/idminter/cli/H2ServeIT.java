package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/** The HTTP API on an H2 file database shared as the embedded default shares it. */
class H2ServeIT extends ServeContract {
  @Override
  TestDatabase database() {
    return TestDatabases.h2File();
  }

  @Test
  void refusesToTakeWritesFromTheNetworkWithoutCredentials() throws Exception {
    CliProcess.Run refused =
        CliProcess.run(
            dir,
            List.of(),
            Map.of(),
            "serve",
            "--port",
            "0",
            "--bind",
            "0.0.0.0",
            "--db",
            db.url(),
            "--db-user",
            db.user());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains("refusing to take writes on 0.0.0.0 without credentials")
        .contains("IDMINTER_API_TOKENS_FILE");
  }

  @Test
  void aPortInUseIsOneLineNamingIt() throws Exception {
    CliProcess.Run refused =
        CliProcess.run(
            dir,
            List.of(),
            Map.of(),
            "serve",
            "--port",
            Integer.toString(server.port),
            "--db",
            db.url(),
            "--db-user",
            db.user());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .contains("cannot listen on 127.0.0.1:" + server.port + ": another process uses that port")
        .doesNotContain("unexpected error");
  }

  @Test
  void readsCanNeedATokenAndAReadOnlyServerRefusesWrites() throws Exception {
    try (ServerProcess strict =
        ServerProcess.start(
            dir,
            Map.of("IDMINTER_API_TOKENS_FILE", dir.resolve("tokens.txt").toString()),
            "--db",
            db.url(),
            "--db-user",
            db.user(),
            "--require-token-for-reads",
            "--read-only")) {
      assertThat(strict.post("/v1/lookup", "{\"keys\": [\"Work[s/1]\"]}", Map.of()).status())
          .isEqualTo(401);
      assertThat(strict.post("/v1/lookup", "{\"keys\": [\"Work[s/1]\"]}", auth()).status())
          .isEqualTo(200);
      ServerProcess.Response write =
          strict.post("/v1/mint", "{\"requests\": [{\"key\": \"Work[s/1]\"}]}", auth());
      assertThat(write.status()).isEqualTo(403);
      assertThat(write.body()).contains("read_only");
      assertThat(strict.get("/health/live").status()).isEqualTo(200);
    }
  }
}
