package org.idminter.store.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A read-through cache of committed mappings: an in-process cache (Caffeine, bounded by size) in
 * front of an optional Valkey/Redis tier. It never decides anything: callers ask it first for
 * reads, go to the database for what it lacks, and give it only rows the database has committed.
 * Missing IDs are never cached (one minted later must be found). {@link #NONE} caches nothing.
 */
public final class MappingCache implements AutoCloseable {
  /** No cache: every read goes to the database. */
  public static final MappingCache NONE = new MappingCache(null, Optional.empty());

  /** One in-process cache per kind of mapping (keys need no prefix), each bounded alike. */
  private final Cache<String, String>[] local;

  private final Optional<RedisTier> redis;
  private final LongAdder localHits = new LongAdder();
  private final LongAdder redisHits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  private MappingCache(Cache<String, String>[] local, Optional<RedisTier> redis) {
    this.local = local;
    this.redis = redis;
  }

  /**
   * Opens the cache {@code config} describes. {@code namespace} names this database in a shared
   * Valkey/Redis ({@code idminter:INSTANCE:}); empty when the database has no identity yet, and
   * then only the in-process cache is used.
   */
  public static MappingCache open(CacheConfig config, Optional<String> namespace) {
    return open(config, namespace, System::nanoTime);
  }

  static MappingCache open(CacheConfig config, Optional<String> namespace, LongSupplier nanos) {
    @SuppressWarnings("unchecked")
    Cache<String, String>[] local = new Cache[Space.values().length];
    for (Space s : Space.values()) {
      local[s.ordinal()] = Caffeine.newBuilder().maximumSize(config.maxEntries()).build();
    }
    Optional<RedisTier> redis =
        config.redis().flatMap(uri -> namespace.map(ns -> new RedisTier(uri, ns, nanos)));
    return new MappingCache(local, redis);
  }

  public boolean enabled() {
    return local != null;
  }

  /**
   * The cached values of {@code keys}; a key absent from the answer must be read from the database.
   */
  public Map<String, String> getAll(Space space, Collection<String> keys) {
    if (local == null || keys.isEmpty()) {
      return Map.of();
    }
    Cache<String, String> mine = local[space.ordinal()];
    Map<String, String> found = new HashMap<>(keys.size() * 2);
    List<String> rest = new ArrayList<>();
    for (String k : keys) {
      String v = mine.getIfPresent(k);
      if (v != null) {
        found.put(k, v);
      } else {
        rest.add(k);
      }
    }
    localHits.add(found.size());
    if (redis.isPresent() && !rest.isEmpty()) {
      Map<String, String> shared = redis.get().getAll(space, rest);
      shared.forEach(mine::put);
      redisHits.add(shared.size());
      found.putAll(shared);
    }
    misses.add(keys.size() - (long) found.size());
    return found;
  }

  /** Caches {@code entries}, which the database has committed. */
  public void putAll(Space space, Map<String, String> entries) {
    if (local == null || entries.isEmpty()) {
      return;
    }
    local[space.ordinal()].putAll(entries);
    redis.ifPresent(r -> r.putAll(space, entries));
  }

  /** Forgets what the process holds (the shared tier keeps its entries). */
  public void clearLocal() {
    if (local != null) {
      for (Cache<String, String> c : local) {
        c.invalidateAll();
      }
    }
  }

  public CacheStats stats() {
    return new CacheStats(
        localHits.sum(), redisHits.sum(), misses.sum(), redis.map(RedisTier::errors).orElse(0L));
  }

  /** True when a Valkey/Redis tier is in use. */
  public boolean shared() {
    return redis.isPresent();
  }

  @Override
  public void close() {
    redis.ifPresent(RedisTier::close);
  }
}
