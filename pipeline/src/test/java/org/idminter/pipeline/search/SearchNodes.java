package org.idminter.pipeline.search;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real Elasticsearch 8 and OpenSearch 2 nodes for tests: the integration-test distribution zips
 * (copied from Maven Central by the build) unpacked and started as child processes, once per test
 * run. Both refuse to run as root, so as root they run under a system user created for them.
 */
final class SearchNodes {
  private static final String USER = "idminter-search";
  private static final Map<String, String> STARTED = new ConcurrentHashMap<>();

  private SearchNodes() {}

  static synchronized String elasticsearch() {
    return STARTED.computeIfAbsent(
        "elasticsearch",
        k ->
            start(
                "elasticsearch",
                "ES_JAVA_HOME",
                "ES_JAVA_OPTS",
                List.of("-E", "xpack.security.enabled=false")));
  }

  static synchronized String opensearch() {
    return STARTED.computeIfAbsent(
        "opensearch",
        k -> start("opensearch", "OPENSEARCH_JAVA_HOME", "OPENSEARCH_JAVA_OPTS", List.of()));
  }

  private static String start(
      String engine, String javaHomeVariable, String javaOptsVariable, List<String> settings) {
    try {
      Path zip =
          Path.of(System.getProperty("idminter.searchNodes", "target/search-nodes"))
              .resolve(engine + ".zip");
      if (!Files.isRegularFile(zip)) {
        throw new IllegalStateException(
            zip + " is missing: run the tests through Maven (mvn verify), which copies it");
      }
      Path dir = Files.createTempDirectory("idminter-" + engine);
      run(List.of("unzip", "-q", zip.toString(), "-d", dir.toString()));
      Path home;
      try (var entries = Files.list(dir)) {
        home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
      }
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        if (run(List.of("id", USER)) != 0) {
          run(
              List.of(
                  "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
        }
        run(List.of("chown", "-R", USER, dir.toString()));
      }
      int http = freePort();
      List<String> command = new ArrayList<>();
      if (root) {
        command.addAll(List.of("runuser", "-u", USER, "--"));
      }
      command.addAll(
          List.of(
              home.resolve("bin").resolve(engine).toString(),
              "-E",
              "discovery.type=single-node",
              "-E",
              "http.port=" + http,
              "-E",
              "transport.port=" + freePort(),
              "-E",
              "network.host=127.0.0.1"));
      command.addAll(settings);
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("node.log").toFile());
      pb.environment().put(javaHomeVariable, System.getProperty("java.home"));
      pb.environment().put(javaOptsVariable, "-Xms512m -Xmx512m");
      Process node = pb.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    node.descendants().forEach(ProcessHandle::destroy);
                    node.destroy();
                  }));
      String url = "http://127.0.0.1:" + http;
      HttpClient client = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (true) {
        try {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return url;
          }
        } catch (IOException e) {
          // not up yet
        }
        if (!node.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              engine + " did not start; its log:\n" + Files.readString(dir.resolve("node.log")));
        }
        Thread.sleep(500);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start " + engine + ": " + e.getMessage(), e);
    }
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
