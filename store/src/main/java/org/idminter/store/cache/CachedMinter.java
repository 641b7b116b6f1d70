package org.idminter.store.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.idminter.core.CanonicalId;
import org.idminter.core.LookupResult;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.SourceIdentifier;

/**
 * A minter whose lookups read the cache first: keys it lacks go to the database, and what the
 * database found, or minted and committed, is cached. Minting itself always goes to the database.
 * Keys are cached by their stored form (ontology type normalised), answered as requested.
 */
public final class CachedMinter implements Minter {
  private final Minter db;
  private final MappingCache cache;

  public CachedMinter(Minter db, MappingCache cache) {
    this.db = Objects.requireNonNull(db);
    this.cache = Objects.requireNonNull(cache);
  }

  @Override
  public Map<SourceIdentifier, CanonicalId> mint(List<MintRequest> requests) {
    Map<SourceIdentifier, CanonicalId> ids = db.mint(requests);
    remember(ids);
    return ids;
  }

  @Override
  public LookupResult lookup(Collection<SourceIdentifier> keys) {
    Map<SourceIdentifier, String> stored = new LinkedHashMap<>();
    for (SourceIdentifier k : new LinkedHashSet<>(keys)) {
      stored.put(k, k.normalised().toString());
    }
    Map<String, String> cached = cache.getAll(Space.CANONICAL, stored.values());
    List<SourceIdentifier> rest = new ArrayList<>();
    Map<SourceIdentifier, CanonicalId> hits = new LinkedHashMap<>();
    stored.forEach(
        (k, s) -> {
          String id = cached.get(s);
          if (id != null && CanonicalId.isStored(id)) {
            hits.put(k, new CanonicalId(id));
          } else {
            rest.add(k);
          }
        });
    if (rest.isEmpty()) {
      return new LookupResult(hits, List.of(), List.of());
    }
    LookupResult fromDb = db.lookup(rest);
    remember(fromDb.found());
    Map<SourceIdentifier, CanonicalId> found = new LinkedHashMap<>();
    List<SourceIdentifier> missing = new ArrayList<>();
    for (SourceIdentifier k : stored.keySet()) {
      CanonicalId id = hits.containsKey(k) ? hits.get(k) : fromDb.found().get(k);
      if (id != null) {
        found.put(k, id);
      } else {
        missing.add(k);
      }
    }
    return new LookupResult(found, missing, fromDb.clashes());
  }

  private void remember(Map<SourceIdentifier, CanonicalId> ids) {
    Map<String, String> entries = new LinkedHashMap<>();
    ids.forEach((k, id) -> entries.put(k.normalised().toString(), id.value()));
    cache.putAll(Space.CANONICAL, entries);
  }
}
