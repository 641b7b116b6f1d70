package org.idminter.pipeline.search;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Optional;
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

  /** Start attempts: another process may take a chosen port before the node binds it. */
  private static final int ATTEMPTS = 3;

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
      for (int attempt = 1; ; attempt++) {
        Path dir = Files.createTempDirectory("idminter-" + engine);
        Optional<String> url =
            startOnce(engine, zip, dir, javaHomeVariable, javaOptsVariable, settings);
        if (url.isPresent()) {
          return url.get();
        }
        String log = Files.readString(dir.resolve("node.log"));
        if (attempt == ATTEMPTS || !log.contains("BindException")) {
          throw new IllegalStateException(
              engine + " did not start (attempt " + attempt + "); its log:\n" + log);
        }
        System.err.println(
            engine + " could not bind its chosen ports (attempt " + attempt + "): trying others");
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot start " + engine + ": " + e.getMessage(), e);
    }
  }

  /** The node's URL, or empty when the node exited or did not answer in time (it is stopped). */
  private static Optional<String> startOnce(
      String engine,
      Path zip,
      Path dir,
      String javaHomeVariable,
      String javaOptsVariable,
      List<String> settings)
      throws IOException, InterruptedException {
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
    int[] ports = freePorts(2); // distinct: both sockets are held open while choosing
    int http = ports[0];
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
            "transport.port=" + ports[1],
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
    Thread stopper =
        new Thread(
            () -> {
              node.descendants().forEach(ProcessHandle::destroy);
              node.destroy();
            });
    Runtime.getRuntime().addShutdownHook(stopper);
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
          return Optional.of(url);
        }
      } catch (IOException e) {
        // not up yet
      }
      if (!node.isAlive() || System.nanoTime() > deadline) {
        stopper.run();
        node.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopper);
        return Optional.empty();
      }
      Thread.sleep(500);
    }
  }

  private static int run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
