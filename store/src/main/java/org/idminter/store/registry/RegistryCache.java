package org.idminter.store.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
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

  Map<String, IdMapping> externals(Collection<Qid> qids) {
    Map<String, IdMapping> found = new LinkedHashMap<>();
    Map<String, Qid> byText = new LinkedHashMap<>();
    qids.forEach(q -> byText.put(q.toString(), q));
    cache
        .getAll(Space.EXTERNAL, byText.keySet())
        .forEach((e, i) -> cachedMapping(i, e).ifPresent(m -> found.put(e, m)));
    return found;
  }

  Map<Long, IdMapping> internals(Collection<Flake64> flakes) {
    Map<Long, IdMapping> found = new LinkedHashMap<>();
    List<String> keys = flakes.stream().map(Flake64::toString).distinct().toList();
    cache
        .getAll(Space.INTERNAL, keys)
        .forEach(
            (i, e) -> cachedMapping(i, e).ifPresent(m -> found.put(m.internalId().value(), m)));
    return found;
  }

  /** A cached pair read back; anything unreadable is a miss (the database answers instead). */
  private Optional<IdMapping> cachedMapping(String internal, String external) {
    try {
      return Optional.of(new IdMapping(Flake64.parse(internal), prefixes.parse(external)));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
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
