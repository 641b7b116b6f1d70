package org.idminter.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as built (an OCI tarball): its configuration says what the README says, and
 * its file system alone runs idminter as the non-root user, with no Docker daemon: its layers are
 * unpacked and run under chroot, as a container runtime would run them.
 */
class ImageIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static Path unpacked;
  static JsonNode config;

  @TempDir static Path dir;

  @BeforeAll
  static void unpack() throws Exception {
    Path tar = Path.of(System.getProperty("idminter.image"));
    assertThat(tar).exists();
    Path layout = dir.resolve("layout");
    Files.createDirectories(layout);
    run(List.of("tar", "-xf", tar.toString(), "-C", layout.toString()));
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode entry = index.get("manifests").get(0);
    assertThat(entry.get("annotations").get("org.opencontainers.image.ref.name").asText())
        .isEqualTo("idminter:" + System.getProperty("idminter.version"));
    JsonNode manifest = JSON.readTree(blob(layout, entry.get("digest").asText()).toFile());
    config =
        JSON.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile())
            .get("config");
    unpacked = dir.resolve("root");
    Files.createDirectories(unpacked);
    for (JsonNode layer : manifest.get("layers")) {
      Path file = blob(layout, layer.get("digest").asText());
      run(List.of("tar", "-xzpf", file.toString(), "-C", unpacked.toString()));
    }
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
  }

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", command, out).isZero();
    return out;
  }

  @Test
  void theConfigurationIsWhatTheReadmeSays() throws Exception {
    assertThat(config.get("User").asText()).isEqualTo("10001:10001");
    assertThat(config.get("Cmd").get(0).asText()).isEqualTo("serve");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("Volumes").has("/data")).isTrue();
    List<String> env = new ArrayList<>();
    config.get("Env").forEach(e -> env.add(e.asText()));
    assertThat(env)
        .contains("IDMINTER_BIND=0.0.0.0", "IDMINTER_PORT=8080", "IDMINTER_DATA_DIR=/data");
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme)
        .contains("mvn -B -ntp package -pl image -am -DskipTests")
        .contains("docker load -i image/target/idminter-image.tar")
        .contains("docker run")
        .contains("-p 8080:8080")
        .contains("user 10001")
        .contains("IDMINTER_API_TOKENS_FILE");
  }

  @Test
  void itsFileSystemAloneServesAsTheNonRootUser() throws Exception {
    assertThat(run(List.of("id", "-u")).strip())
        .as("unpacking and running the image's file system needs root (chroot)")
        .isEqualTo("0");
    // What a container runtime provides and an image does not carry: /etc/hosts with the host name.
    String host = run(List.of("hostname")).strip();
    Files.writeString(unpacked.resolve("etc/hosts"), "127.0.0.1 localhost " + host + "\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command =
        new ArrayList<>(
            List.of("chroot", "--userspec=" + config.get("User").asText(), unpacked.toString()));
    config.get("Entrypoint").forEach(a -> command.add(a.asText()));
    config.get("Cmd").forEach(a -> command.add(a.asText()));
    command.addAll(List.of("--bind", "127.0.0.1", "--port", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    config
        .get("Env")
        .forEach(
            e -> {
              String[] kv = e.asText().split("=", 2);
              pb.environment().put(kv[0], kv[1]);
            });
    // A container has /proc, where the runtime's launcher finds its own libraries; chroot has not.
    pb.environment().put("LD_LIBRARY_PATH", "/opt/java/lib");
    File log = dir.resolve("serve.log").toFile();
    Process server = pb.redirectOutput(log).start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> ready = null;
      for (int i = 0; i < 120 && server.isAlive(); i++) {
        try {
          ready =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          break;
        } catch (java.io.IOException notYet) {
          Thread.sleep(500);
        }
      }
      assertThat(ready).as(Files.readString(log.toPath())).isNotNull();
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      HttpResponse<String> minted =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/mint"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"requests\": [{\"key\": \"Work[s/1]\"}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String out = Files.readString(log.toPath());
    assertThat(out).contains("\"message\":\"idminter serving on http://127.0.0.1:" + port);
    assertThat(unpacked.resolve("data/idminter.mv.db"))
        .as("the embedded database, in /data")
        .exists();
    assertThat(Files.getOwner(unpacked.resolve("data/idminter.mv.db")).getName())
        .isNotEqualTo("root");
  }
}
