package org.idminter.store.registry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.IdMapping;
import org.idminter.core.id.Qid;
import org.idminter.core.id.QidPrefixes;
import org.idminter.store.cache.MappingCache;
import org.idminter.store.cache.Space;

/** The registry's view of the read cache: mappings by either ID, and committed rows put back. */
final class RegistryCache {
  private final MappingCache cache;
  private final QidPrefixes prefixes;

  RegistryCache(MappingCache cache, QidPrefixes prefixes) {
    this.cache = java.util.Objects.requireNonNull(cache);
    this.prefixes = prefixes;
  }

  /**
   * The cached mappings of {@code qids} (keyed by their text, which is how they were asked), read
   * back without exceptions: an unreadable entry is a miss, and the database answers instead.
   */
  Map<String, IdMapping> externals(Map<String, Qid> qids) {
    Map<String, IdMapping> found = new HashMap<>();
    cache
        .getAll(Space.EXTERNAL, qids.keySet())
        .forEach(
            (e, i) -> {
              Flake64 f = Flake64.tryParse(i);
              if (f != null) {
                found.put(e, new IdMapping(f, qids.get(e)));
              }
            });
    return found;
  }

  /** The cached mappings of {@code flakes} (keyed by their decimal text). */
  Map<String, IdMapping> internals(Map<String, Flake64> flakes) {
    Map<String, IdMapping> found = new HashMap<>();
    cache
        .getAll(Space.INTERNAL, flakes.keySet())
        .forEach(
            (i, e) -> {
              Qid q = prefixes.tryParse(e);
              if (q != null) {
                found.put(i, new IdMapping(flakes.get(i), q));
              }
            });
    return found;
  }

  void remember(List<IdMapping> mappings) {
    if (!cache.enabled() || mappings.isEmpty()) {
      return;
    }
    Map<String, String> e2i = new LinkedHashMap<>();
    Map<String, String> i2e = new LinkedHashMap<>();
    for (IdMapping m : mappings) {
      e2i.put(m.externalId().toString(), m.internalId().toString());
      i2e.put(m.internalId().toString(), m.externalId().toString());
    }
    cache.putAll(Space.EXTERNAL, e2i);
    cache.putAll(Space.INTERNAL, i2e);
  }
}
