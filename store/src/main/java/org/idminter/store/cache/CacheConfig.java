package org.idminter.store.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.idminter.core.InvalidInputException;

/**
 * The read cache's settings: {@code memory} (in-process only) or a {@code redis://} / {@code
 * rediss://} URL of a Valkey/Redis server (with the in-process cache in front), and the in-process
 * cache's bound in entries.
 */
public record CacheConfig(Optional<URI> redis, long maxEntries) {
  /**
   * The in-process cache's default bound per kind of mapping: about 50 MB of short mappings each.
   */
  public static final long DEFAULT_MAX_ENTRIES = 250_000;

  public CacheConfig {
    if (maxEntries < 1) {
      throw new InvalidInputException(
          "the in-process cache's size must be at least 1 entry, was " + maxEntries);
    }
  }

  /**
   * Reads {@code memory} or {@code redis://[user:password@]host[:port][/db]} ({@code rediss://} for
   * TLS), failing with what was expected.
   */
  public static CacheConfig parse(String value, long maxEntries) {
    String v = value.trim();
    if (v.equals("memory")) {
      return new CacheConfig(Optional.empty(), maxEntries);
    }
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || !("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getPath() != null && !uri.getPath().matches("|/|/\\d{1,2}")) {
      throw new InvalidInputException(
          "'"
              + v
              + "' (expected memory, or redis://HOST:PORT[/DB] or rediss://… for a Valkey/Redis"
              + " server)");
    }
    return new CacheConfig(Optional.of(uri), maxEntries);
  }

  /** For messages: the URL without its password. */
  public String describe() {
    return redis.map(CacheConfig::describe).orElse("memory");
  }

  /** A Valkey/Redis URL without its user and password. */
  static String describe(URI u) {
    return u.getScheme()
        + "://"
        + u.getHost()
        + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + (u.getPath() == null ? "" : u.getPath());
  }
}
