package org.idminter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code idminter serve} as a separate process, as a user runs it, and an HTTP client for it that
 * records every (method, route, status) it saw, so a test can hold them against the OpenAPI file.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("serving on http://[^:]+:(\\d+)");

  /** METHOD ROUTE STATUS of every answer seen, across tests. */
  static final Set<String> OBSERVED = ConcurrentHashMap.newKeySet();

  record Response(int status, String body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst()
          .map(e -> e.getValue().get(0))
          .orElse(null);
    }
  }

  final CliProcess.Started started;
  final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private ServerProcess(CliProcess.Started started, int port) {
    this.started = started;
    this.port = port;
  }

  /** Starts {@code idminter serve --port 0 ARGS…} and waits until it says where it listens. */
  static ServerProcess start(Path dir, Map<String, String> env, String... args) throws Exception {
    String[] all = new String[args.length + 3];
    all[0] = "serve";
    all[1] = "--port";
    all[2] = "0";
    System.arraycopy(args, 0, all, 3, args.length);
    CliProcess.Started p = CliProcess.start(dir, List.of(), env, all);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(p.out(), StandardCharsets.UTF_8));
      if (m.find()) {
        return new ServerProcess(p, Integer.parseInt(m.group(1)));
      }
      if (!p.process().isAlive()) {
        CliProcess.Run run = p.finish();
        throw new AssertionError(
            "serve exited with " + run.exit() + " before listening: " + run.err() + run.out());
      }
      Thread.sleep(100);
    }
    p.process().destroyForcibly();
    throw new AssertionError("serve did not start listening within 90 s");
  }

  /** What the server has written to stdout so far (its log). */
  String log() throws Exception {
    return Files.readString(started.out(), StandardCharsets.UTF_8);
  }

  Response get(String route, Map<String, String> headers, String... args) throws Exception {
    return send("GET", route, args, null, null, headers);
  }

  Response get(String route, String... args) throws Exception {
    return get(route, Map.of(), args);
  }

  Response post(String route, String json, Map<String, String> headers) throws Exception {
    return send("POST", route, new String[0], "application/json", json, headers);
  }

  /**
   * {@code route} with each {@code {name}} or {@code <name>} replaced by the next of {@code args}
   * (already URL-encoded where they need it).
   */
  Response send(
      String method,
      String route,
      String[] args,
      String contentType,
      String body,
      Map<String, String> headers)
      throws Exception {
    String path = route;
    for (String a : args) {
      path = path.replaceFirst("[{<][a-z]+[}>]", Matcher.quoteReplacement(a));
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    OBSERVED.add(method + " " + route.replaceAll("<([a-z]+)>", "{$1}") + " " + r.statusCode());
    return new Response(r.statusCode(), r.body(), r.headers().map());
  }

  /** SIGTERM, then the exit within {@code seconds}. */
  CliProcess.Run stop(int seconds) throws Exception {
    started.process().destroy();
    assertThat(started.process().waitFor(seconds, TimeUnit.SECONDS))
        .as("the server stopped within %d s", seconds)
        .isTrue();
    return started.finish();
  }

  @Override
  public void close() throws Exception {
    if (started.process().isAlive()) {
      stop(60);
    }
  }
}
