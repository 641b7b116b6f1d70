package org.idminter.serve.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.CanonicalId;
import org.idminter.core.CollationClash;
import org.idminter.core.LookupResult;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.IdDetector;
import org.idminter.core.id.IdMapping;
import org.idminter.store.IdStore;
import org.idminter.store.alias.AliasGroup;
import org.idminter.store.merge.IdState;
import org.idminter.store.registry.Registration;
import org.idminter.store.registry.Resolution;

/**
 * The JSON shapes idminter answers in, the same over HTTP and in the CLI's {@code --json}: one
 * place decides each field's name.
 */
public final class JsonShapes {
  private JsonShapes() {}

  /** [{key, canonical_id}] in the order given. */
  public static List<Map<String, String>> ids(Map<SourceIdentifier, CanonicalId> ids) {
    List<Map<String, String>> out = new ArrayList<>(ids.size());
    ids.forEach((k, id) -> out.add(pair(k, id)));
    return out;
  }

  public static Map<String, String> pair(SourceIdentifier key, CanonicalId id) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("key", key.toString());
    row.put("canonical_id", id.value());
    return row;
  }

  /** {found: [{key, canonical_id}], missing: [key], clashes: [{key, stored_key, …}]}. */
  public static Map<String, Object> lookup(LookupResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, String>> found = new ArrayList<>();
    result.found().forEach((k, id) -> found.add(pair(k, id)));
    out.put("found", found);
    out.put("missing", result.missing().stream().map(Object::toString).toList());
    out.put("clashes", result.clashes().stream().map(JsonShapes::clash).toList());
    return out;
  }

  public static Map<String, String> clash(CollationClash c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("key", c.requested().toString());
    m.put("stored_key", c.stored().toString());
    m.put("canonical_id", c.storedId().value());
    m.put("message", c.message());
    return m;
  }

  /**
   * What each ID is now: {canonical_id, state, keys, key_roles, target?}. Each key's role says
   * whether the ID was given to it first (original) or it joined later (alias).
   */
  public static List<Map<String, Object>> states(IdStore store, List<CanonicalId> asked) {
    List<IdState> states = store.merges().resolve(asked);
    List<CanonicalId> shared =
        states.stream().filter(s -> s.keys().size() > 1).map(IdState::id).toList();
    Map<String, String> roles = new LinkedHashMap<>();
    if (!shared.isEmpty()) {
      for (AliasGroup g : store.aliases().list(shared)) {
        g.members()
            .forEach(
                m ->
                    roles.put(
                        m.key().toString(), m.role().name().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (IdState s : states) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("canonical_id", s.id().value());
      m.put("state", s.state());
      m.put("keys", s.keys().stream().map(Object::toString).toList());
      Map<String, String> role = new LinkedHashMap<>();
      s.keys().forEach(k -> role.put(k.toString(), roles.getOrDefault(k.toString(), "original")));
      m.put("key_roles", role);
      s.target().ifPresent(t -> m.put("target", t.value()));
      out.add(m);
    }
    return out;
  }

  /** One registry mapping: {external_id, internal_id, internal_id_base32, entity_type}. */
  public static Map<String, Object> mapping(IdMapping m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("external_id", m.externalId().toString());
    row.put("internal_id", m.internalId().toString());
    row.put("internal_id_base32", m.internalId().toBase32());
    row.put("entity_type", m.entityType());
    return row;
  }

  /** {ids: [{…mapping, created}], created, regenerated}. */
  public static Map<String, Object> registration(Registration r) {
    List<Map<String, Object>> ids = new ArrayList<>();
    for (Registration.Entry e : r.ids()) {
      Map<String, Object> row = mapping(e.mapping());
      row.put("created", e.created());
      ids.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ids", ids);
    out.put("created", r.created());
    out.put("regenerated", r.regenerated());
    return out;
  }

  /** {found: [{value, …mapping}], missing: [value]}. */
  public static Map<String, Object> resolution(Resolution r) {
    List<Map<String, Object>> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Resolution.Entry e : r.entries()) {
      if (e.mapping().isPresent()) {
        found.add(resolved(e.value(), e.mapping().get()));
      } else {
        missing.add(e.value());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("found", found);
    out.put("missing", missing);
    return out;
  }

  /** A value found in the registry: {value, …mapping}. */
  public static Map<String, Object> resolved(String value, IdMapping m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("value", value);
    row.putAll(mapping(m));
    return row;
  }

  /** {value, matches: [{scheme, detail, time}]}. */
  public static Map<String, Object> detection(String value, List<IdDetector.Match> matches) {
    List<Map<String, Object>> listed = new ArrayList<>();
    for (IdDetector.Match m : matches) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scheme", m.scheme());
      row.put("detail", m.detail());
      row.put("time", m.time().map(Object::toString).orElse(null));
      listed.add(row);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("value", value);
    entry.put("matches", listed);
    return entry;
  }
}
