package org.idminter.pipeline.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.Secrets;
import org.idminter.core.Sleeper;
import org.idminter.core.document.ExactJson;

/**
 * A small client for the Elasticsearch/OpenSearch REST API on the JDK's HTTP client. Transport
 * errors, 429 and 5xx answers are retried with jittered exponential backoff (bounded); other errors
 * surface with the engine's reason. Credentials never appear in messages.
 */
final class SearchClient {
  static final ObjectMapper JSON = ExactJson.MAPPER;

  /** Responses are read as works are: numbers of {@code _source} kept exactly as stored. */
  private static final ExactJson RESPONSES = new ExactJson(1_100);

  private static final int MAX_ATTEMPTS = 6;

  record Response(int status, JsonNode body, Optional<String> product) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final Optional<String> authorization;
  private final RandomGenerator jitter;
  private final Sleeper sleeper;

  SearchClient(
      String url,
      Optional<String> apiKey,
      Optional<String> user,
      Optional<String> password,
      RandomGenerator jitter,
      Sleeper sleeper) {
    Credentials fromUrl = Credentials.of(url);
    this.base = fromUrl.base();
    this.jitter = jitter;
    this.sleeper = sleeper;
    Optional<String> basicUser = user.or(fromUrl::user);
    Optional<String> basicPassword = user.isPresent() ? password : fromUrl.password();
    if (apiKey.isPresent()) {
      this.authorization = Optional.of("ApiKey " + apiKey.get());
    } else if (basicUser.isPresent()) {
      String pair = basicUser.get() + ":" + basicPassword.orElse("");
      this.authorization =
          Optional.of(
              "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      this.authorization = Optional.empty();
    }
  }

  /**
   * A URL's user-info taken out of it: {@code http://elastic:pw@host:9200/} is sent as Basic
   * credentials to {@code http://host:9200}, and only the latter ever appears in a message.
   */
  private record Credentials(String base, Optional<String> user, Optional<String> password) {
    static Credentials of(String url) {
      Secrets.registerUrl(url);
      String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      int scheme = trimmed.indexOf("://");
      int at = trimmed.lastIndexOf('@');
      if (scheme < 0 || at < scheme) {
        return new Credentials(trimmed, Optional.empty(), Optional.empty());
      }
      String userInfo = trimmed.substring(scheme + 3, at);
      int colon = userInfo.indexOf(':');
      String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      Optional<String> pw =
          colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
      return new Credentials(
          trimmed.substring(0, scheme + 3) + trimmed.substring(at + 1), Optional.of(user), pw);
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return s; // not percent-encoded
      }
    }
  }

  String url() {
    return base;
  }

  Response send(String method, String path, String body, String contentType) {
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofMinutes(2))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      b.header("Content-Type", contentType);
      authorization.ifPresent(a -> b.header("Authorization", a));
      try {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if ((r.statusCode() == 429 || r.statusCode() >= 502) && attempt < MAX_ATTEMPTS) {
          backoff(attempt);
          continue;
        }
        return new Response(
            r.statusCode(), body(method, path, r), r.headers().firstValue("X-elastic-product"));
      } catch (IOException e) {
        if (attempt < MAX_ATTEMPTS) {
          backoff(attempt);
          continue;
        }
        throw new IdMinterException(
            ErrorCode.UNAVAILABLE,
            "the search engine at "
                + base
                + " is unreachable after "
                + attempt
                + " attempts ("
                + method
                + " "
                + path.split("\\?")[0]
                + "): "
                + cause(e),
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IdMinterException("interrupted while calling " + base, e);
      }
    }
  }

  /** What went wrong with a request, in words (the JDK's exceptions often have no message). */
  static String cause(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return "connection refused: nothing answers at that host and port";
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
      if (t instanceof java.net.http.HttpTimeoutException) {
        return "no answer within the timeout";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "the TLS handshake failed: " + t.getMessage();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private JsonNode body(String method, String path, HttpResponse<String> r) {
    if (r.body().isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return RESPONSES.read(r.body());
    } catch (InvalidInputException e) {
      throw new IdMinterException(
          ErrorCode.UNAVAILABLE,
          "the service at "
              + base
              + " answered "
              + method
              + " "
              + path.split("\\?")[0]
              + " (HTTP "
              + r.statusCode()
              + ") with a body that is not the JSON expected ("
              + e.getMessage()
              + "): is it an Elasticsearch 8 or OpenSearch 2 node?",
          e);
    }
  }

  JsonNode json(String method, String path, Object body) {
    Response r;
    try {
      r =
          send(
              method,
              path,
              body == null ? null : JSON.writeValueAsString(body),
              "application/json");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (r.status() >= 300) {
      throw new IdMinterException(
          ErrorCode.UNAVAILABLE,
          method
              + " "
              + path.split("\\?")[0]
              + " on "
              + base
              + " failed with HTTP "
              + r.status()
              + ": "
              + reason(r.body()));
    }
    return r.body();
  }

  static String reason(JsonNode body) {
    JsonNode error = body.path("error");
    if (error.isObject()) {
      String type = error.path("type").asText("");
      String reason = error.path("reason").asText("");
      JsonNode root = error.path("root_cause").path(0);
      return (type
              + ": "
              + reason
              + (root.isObject() && !root.path("reason").asText("").equals(reason)
                  ? " (" + root.path("reason").asText("") + ")"
                  : ""))
          .trim();
    }
    return error.isMissingNode() ? body.toString() : error.asText();
  }

  private void backoff(int attempt) {
    try {
      sleeper.sleep(Duration.ofMillis(jitter.nextLong(Math.min(5_000, 100L << attempt) + 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdMinterException("interrupted while waiting to retry " + base, e);
    }
  }
}
