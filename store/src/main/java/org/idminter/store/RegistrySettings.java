package org.idminter.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.idminter.core.id.QidPrefixes;
import org.idminter.store.cache.CacheConfig;

/**
 * How the ID registry reads external IDs (their prefixes) and whether reads go through a cache
 * ({@code IDMINTER_QID_PREFIXES}, {@code IDMINTER_CACHE_URL}, {@code IDMINTER_CACHE_SIZE}).
 */
public record RegistrySettings(QidPrefixes qidPrefixes, Optional<CacheConfig> cache) {
  public static final RegistrySettings DEFAULT =
      new RegistrySettings(QidPrefixes.DEFAULT, Optional.empty());

  public RegistrySettings {
    Objects.requireNonNull(qidPrefixes, "qidPrefixes");
    Objects.requireNonNull(cache, "cache");
  }

  public RegistrySettings withCache(Optional<CacheConfig> cache) {
    return new RegistrySettings(qidPrefixes, cache);
  }

  /** Reads the variables, recording every bad value in {@code problems}. */
  static RegistrySettings read(Problems problems, Map<String, String> env) {
    QidPrefixes prefixes =
        problems.check(
            "IDMINTER_QID_PREFIXES",
            () ->
                Optional.ofNullable(env.get("IDMINTER_QID_PREFIXES"))
                    .filter(v -> !v.isBlank())
                    .map(QidPrefixes::of)
                    .orElse(QidPrefixes.DEFAULT),
            QidPrefixes.DEFAULT);
    int size = problems.integer("IDMINTER_CACHE_SIZE", null, (int) CacheConfig.DEFAULT_MAX_ENTRIES);
    if (size < 1) {
      problems.add("IDMINTER_CACHE_SIZE", null, "'" + size + "' (expected at least 1 entry)");
      size = 1;
    }
    int entries = size;
    Optional<CacheConfig> cache =
        problems.check(
            "IDMINTER_CACHE_URL (--cache)",
            () ->
                Optional.ofNullable(env.get("IDMINTER_CACHE_URL"))
                    .filter(v -> !v.isBlank())
                    .map(v -> CacheConfig.parse(v, entries)),
            Optional.empty());
    return new RegistrySettings(prefixes, cache);
  }
}
