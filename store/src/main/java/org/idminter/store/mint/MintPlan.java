package org.idminter.store.mint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.idminter.core.CanonicalId;
import org.idminter.core.ErrorCode;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.SystemAliases;

/**
 * A mint call before any SQL: requests de-duplicated by stored (normalised) key, predecessors
 * checked for conflicts, and, once existing mappings are known, every new key resolved to either a
 * fresh pool ID (a root) or the ID of the key its predecessor chain ends at (an anchor).
 */
final class MintPlan {
  /** Requested key as given → the key as stored; first-seen order. */
  private final Map<SourceIdentifier, SourceIdentifier> storedKeyOf;

  /** Stored key → stored predecessor, if any. */
  private final Map<SourceIdentifier, Optional<SourceIdentifier>> predecessorOf;

  private MintPlan(
      Map<SourceIdentifier, SourceIdentifier> storedKeyOf,
      Map<SourceIdentifier, Optional<SourceIdentifier>> predecessorOf) {
    this.storedKeyOf = storedKeyOf;
    this.predecessorOf = predecessorOf;
  }

  static MintPlan of(List<MintRequest> requests) {
    return of(requests, SystemAliases.NONE);
  }

  /**
   * The plan with keys stored as {@code aliases} says (ontology type normalised, alias systems
   * replaced).
   */
  static MintPlan of(List<MintRequest> requests, SystemAliases aliases) {
    Map<SourceIdentifier, SourceIdentifier> storedKeyOf = new LinkedHashMap<>();
    Map<SourceIdentifier, Optional<SourceIdentifier>> predecessorOf = new LinkedHashMap<>();
    for (MintRequest r : requests) {
      Objects.requireNonNull(r, "a mint request is null");
      SourceIdentifier key = aliases.stored(r.key());
      Optional<SourceIdentifier> pred = r.predecessor().map(aliases::stored);
      storedKeyOf.putIfAbsent(r.key(), key);
      Optional<SourceIdentifier> earlier = predecessorOf.putIfAbsent(key, pred);
      if (earlier != null && !earlier.equals(pred)) {
        throw new MintException(
            ErrorCode.CONFLICTING_PREDECESSORS,
            "conflicting predecessors for "
                + r.key()
                + ": "
                + earlier.map(Object::toString).orElse("(none)")
                + " and "
                + pred.map(Object::toString).orElse("(none)")
                + "; nothing was minted");
      }
    }
    return new MintPlan(storedKeyOf, predecessorOf);
  }

  boolean isEmpty() {
    return predecessorOf.isEmpty();
  }

  int size() {
    return predecessorOf.size();
  }

  /** Every stored key and every predecessor: what the first lookup reads. */
  Set<SourceIdentifier> lookupKeys() {
    Set<SourceIdentifier> all = new LinkedHashSet<>(predecessorOf.keySet());
    predecessorOf.values().forEach(p -> p.ifPresent(all::add));
    return all;
  }

  /** Maps the requested keys (as given, first-seen order) to the IDs of their stored keys. */
  Map<SourceIdentifier, CanonicalId> result(Map<SourceIdentifier, CanonicalId> idsByStoredKey) {
    Map<SourceIdentifier, CanonicalId> out = new LinkedHashMap<>();
    storedKeyOf.forEach((requested, stored) -> out.put(requested, idsByStoredKey.get(stored)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Resolves the keys that have no mapping yet.
   *
   * @throws MintException for a predecessor found nowhere or a predecessor cycle
   */
  Resolution resolve(Map<SourceIdentifier, CanonicalId> existing) {
    List<SourceIdentifier> roots = new ArrayList<>();
    Map<SourceIdentifier, SourceIdentifier> immediate = new LinkedHashMap<>();
    Map<SourceIdentifier, SourceIdentifier> anchorOf = new LinkedHashMap<>();
    for (Map.Entry<SourceIdentifier, Optional<SourceIdentifier>> e : predecessorOf.entrySet()) {
      SourceIdentifier key = e.getKey();
      if (existing.containsKey(key)) {
        continue; // first mint wins, whatever predecessor is given now
      }
      if (e.getValue().isEmpty()) {
        roots.add(key);
        continue;
      }
      immediate.put(key, e.getValue().get());
      anchorOf.put(key, anchor(key, existing));
    }
    return new Resolution(roots, immediate, anchorOf);
  }

  private SourceIdentifier anchor(
      SourceIdentifier key, Map<SourceIdentifier, CanonicalId> existing) {
    List<SourceIdentifier> chain = new ArrayList<>(List.of(key));
    SourceIdentifier current = key;
    while (true) {
      SourceIdentifier pred = predecessorOf.get(current).orElseThrow();
      if (existing.containsKey(pred)) {
        return pred;
      }
      if (!predecessorOf.containsKey(pred)) {
        throw new MintException(
            ErrorCode.PREDECESSOR_NOT_FOUND,
            "predecessor not found: "
                + current
                + " <- "
                + pred
                + " (the predecessor has no canonical ID and is not minted in this call); nothing was minted");
      }
      if (chain.contains(pred)) {
        chain.add(pred);
        throw new MintException(
            ErrorCode.PREDECESSOR_CYCLE,
            "predecessor cycle: "
                + chain.stream().map(Object::toString).collect(Collectors.joining(" <- "))
                + "; a key cannot inherit from itself; nothing was minted");
      }
      if (predecessorOf.get(pred).isEmpty()) {
        return pred; // a new key without predecessor: it takes a pool ID that this chain inherits
      }
      chain.add(pred);
      current = pred;
    }
  }

  /** New keys: roots take pool IDs; inheritors take their anchor's ID. */
  record Resolution(
      List<SourceIdentifier> roots,
      Map<SourceIdentifier, SourceIdentifier> immediatePredecessor,
      Map<SourceIdentifier, SourceIdentifier> anchorOf) {
    boolean isEmpty() {
      return roots.isEmpty() && anchorOf.isEmpty();
    }

    /** The ID each new key should get, given the claimed pool IDs (one per root, in order). */
    Map<SourceIdentifier, CanonicalId> assign(
        List<CanonicalId> claimed, Map<SourceIdentifier, CanonicalId> existing) {
      Map<SourceIdentifier, CanonicalId> planned = new LinkedHashMap<>();
      for (int i = 0; i < roots.size(); i++) {
        planned.put(roots.get(i), claimed.get(i));
      }
      anchorOf.forEach(
          (key, anchor) ->
              planned.put(
                  key, existing.containsKey(anchor) ? existing.get(anchor) : planned.get(anchor)));
      return planned;
    }
  }
}
