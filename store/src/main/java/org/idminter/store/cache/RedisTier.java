package org.idminter.store.cache;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.idminter.core.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;

/**
 * The shared tier: one MGET per batch read, one pipeline of SET … EX per batch written (per {@value
 * #CHUNK} keys). Any failure (down, slow, full, refused) is logged once, counted, and answered as a
 * miss or a skipped write; after one, Valkey/Redis is left alone for a second so a dead server
 * costs nothing per call, and its return is logged too. Entries expire after {@link #TTL}, so a
 * server without {@code maxmemory} does not grow forever.
 */
final class RedisTier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);

  /** How long an entry lives in Valkey/Redis: mappings never change, so only memory decides. */
  static final Duration TTL = Duration.ofDays(30);

  /** How long to leave a failed server alone before trying it again. */
  static final long BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();

  private final RedisClient client;
  private final String where;
  private final String prefix;
  private final LongSupplier nanos;
  private final AtomicLong errors = new AtomicLong();
  private volatile long downUntil = Long.MIN_VALUE;
  private volatile boolean down;

  /**
   * @param namespace names this database's entries ({@code idminter:INSTANCE:}), so databases
   *     sharing one server never read each other's mappings
   */
  RedisTier(URI uri, String namespace, LongSupplier nanos) {
    this.where = CacheConfig.describe(uri);
    this.prefix = namespace;
    this.nanos = nanos;
    DefaultJedisClientConfig config =
        DefaultJedisClientConfig.builder(uri)
            .connectionTimeoutMillis(500)
            .socketTimeoutMillis(500)
            .clientName("idminter")
            .build();
    String password = uri.getUserInfo();
    if (password != null) {
      Secrets.register(password.substring(password.indexOf(':') + 1));
    }
    this.client =
        RedisClient.builder()
            .hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
            .clientConfig(config)
            .build();
  }

  long errors() {
    return errors.get();
  }

  /** Keys per MGET, and entries per pipeline: a huge batch is several round trips, not one. */
  static final int CHUNK = 5_000;

  /** The values found for {@code keys} (absent where none, or when the server failed). */
  Map<String, String> getAll(Space space, List<String> keys) {
    Map<String, String> found = new HashMap<>();
    for (int from = 0; from < keys.size() && !skipping(); from += CHUNK) {
      List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
      String[] names = new String[chunk.size()];
      for (int i = 0; i < names.length; i++) {
        names[i] = name(space, chunk.get(i));
      }
      try {
        List<String> values = client.mget(names);
        recovered();
        for (int i = 0; i < names.length; i++) {
          if (values.get(i) != null) {
            found.put(chunk.get(i), values.get(i));
          }
        }
      } catch (RuntimeException e) { // whatever Redis or its client does, the cache only misses
        failed("read", e);
      }
    }
    return found;
  }

  /** Writes {@code entries}, a pipeline per chunk; a failure only costs the cache its entries. */
  void putAll(Space space, Map<String, String> entries) {
    List<Map.Entry<String, String>> all = new ArrayList<>(entries.entrySet());
    long seconds = TTL.toSeconds();
    for (int from = 0; from < all.size() && !skipping(); from += CHUNK) {
      List<Map.Entry<String, String>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      try (AbstractPipeline p = client.pipelined()) {
        List<Response<String>> replies = new ArrayList<>(chunk.size());
        for (Map.Entry<String, String> e : chunk) {
          replies.add(p.setex(name(space, e.getKey()), seconds, e.getValue()));
        }
        p.sync();
        for (Response<String> r : replies) {
          r.get(); // a refused write (a full server) raises here
        }
        recovered();
      } catch (RuntimeException e) { // whatever Redis or its client does, the cache only misses
        failed("write", e);
      }
    }
  }

  private String name(Space space, String key) {
    return prefix + space.tag + ":" + key;
  }

  private boolean skipping() {
    return down && nanos.getAsLong() < downUntil;
  }

  private void failed(String what, RuntimeException e) {
    errors.incrementAndGet();
    downUntil = nanos.getAsLong() + BACKOFF_NANOS;
    if (!down) {
      down = true;
      LOG.warn(
          "the Valkey/Redis cache at {} failed to {} ({}); answering from the database until it"
              + " is back",
          where,
          what,
          Secrets.redact(String.valueOf(e.getMessage())));
    }
  }

  private void recovered() {
    if (down) {
      down = false;
      LOG.info("the Valkey/Redis cache at {} answers again", where);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
