package org.idminter.serve.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.InvalidInputException;

/**
 * How the HTTP API runs: where it listens, who may write, its limits and its log format. Read from
 * the command's options over the environment ({@code IDMINTER_BIND}, {@code IDMINTER_PORT}, {@code
 * IDMINTER_API_TOKENS_FILE}, {@code IDMINTER_LOG_FORMAT}, {@code IDMINTER_MAX_BODY_MB}, {@code
 * IDMINTER_MAX_KEYS}, …).
 */
public record ServeSettings(
    String bind,
    int port,
    Optional<Path> tokensFile,
    boolean requireTokenForReads,
    boolean insecureNoAuth,
    long maxBodyBytes,
    int maxKeys,
    LogFormat logFormat,
    Duration idleTimeout,
    Duration shutdownGrace) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BODY_MB = 10;
  public static final int DEFAULT_MAX_KEYS = 10_000;
  public static final int DEFAULT_IDLE_TIMEOUT_S = 30;
  public static final int DEFAULT_SHUTDOWN_GRACE_S = 20;

  /** The access log and the server's own lines: one JSON object per line, or text. */
  public enum LogFormat {
    JSON,
    TEXT
  }

  public ServeSettings {
    if (port < 0 || port > 65_535) {
      throw new InvalidInputException("bad port " + port + ": give 0-65535 (0 picks a free one)");
    }
    if (maxBodyBytes <= 0 || maxKeys <= 0) {
      throw new InvalidInputException("the body and key limits must be positive");
    }
  }

  /** The options given on the command line; empty where the environment or the default decides. */
  public record Overrides(
      Optional<String> bind,
      Optional<Integer> port,
      Optional<Path> tokensFile,
      boolean requireTokenForReads,
      boolean insecureNoAuth,
      Optional<String> logFormat) {}

  public static ServeSettings resolve(Overrides o, Map<String, String> env) {
    return new ServeSettings(
        o.bind().or(() -> get(env, "IDMINTER_BIND")).orElse(DEFAULT_BIND),
        o.port().orElseGet(() -> number(env, "IDMINTER_PORT", DEFAULT_PORT)),
        o.tokensFile().or(() -> get(env, "IDMINTER_API_TOKENS_FILE").map(Path::of)),
        o.requireTokenForReads()
            || get(env, "IDMINTER_REQUIRE_TOKEN_FOR_READS")
                .map(Boolean::parseBoolean)
                .orElse(false),
        o.insecureNoAuth(),
        number(env, "IDMINTER_MAX_BODY_MB", DEFAULT_MAX_BODY_MB) * 1024L * 1024L,
        number(env, "IDMINTER_MAX_KEYS", DEFAULT_MAX_KEYS),
        logFormat(o.logFormat().or(() -> get(env, "IDMINTER_LOG_FORMAT")).orElse("text")),
        Duration.ofSeconds(number(env, "IDMINTER_IDLE_TIMEOUT_S", DEFAULT_IDLE_TIMEOUT_S)),
        Duration.ofSeconds(number(env, "IDMINTER_SHUTDOWN_GRACE_S", DEFAULT_SHUTDOWN_GRACE_S)));
  }

  /** Whether the server listens only where other machines cannot reach it. */
  public boolean loopbackOnly() {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InvalidInputException(
          "cannot listen on " + bind + ": no such address (" + e.getMessage() + ")", e);
    }
  }

  private static LogFormat logFormat(String value) {
    try {
      return LogFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "bad log format '" + value + "': give json or text (--log-format, IDMINTER_LOG_FORMAT)");
    }
  }

  private static Optional<String> get(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    Optional<String> v = get(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "bad " + name + " '" + v.get() + "': give a whole number of at least 0");
    }
  }
}
