package org.idminter.store.mint;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.idminter.core.CanonicalId;
import org.idminter.core.CollationClash;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.LookupResult;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.OntologyTypes;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.StoreException;
import org.idminter.core.SystemAliases;
import org.idminter.store.jdbc.Database;
import org.idminter.store.keyspace.KeySpace;
import org.idminter.store.pool.IdPool;
import org.idminter.store.pool.IdSupply;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.sql.Collisions;
import org.idminter.store.sql.RetryTransaction;
import org.idminter.store.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minting algorithm. One transaction per call: take the key space's lock shared (no merge or
 * alias change runs across a mint; the aliases in force come with it), look up keys and
 * predecessors, resolve inheritance, take new IDs (claimed from the free pool, skipping locked
 * ones, or generated and inserted as assigned: {@link IdSupply}), insert the mappings, re-read what
 * the database holds when the insert could not prove every row new, settle the IDs (assigned if
 * used, given back if a concurrent minter won the key), record inheritance.
 */
public final class SqlMinter implements Minter {
  private static final Logger LOG = LoggerFactory.getLogger(SqlMinter.class);

  /** Refill rounds before a mint gives up on a pool that concurrent minters keep draining. */
  private static final int MAX_REFILLS = 3;

  private final Database db;

  /** Where lookups read first: a read replica, or {@link #db} itself. */
  private final Database reads;

  /** The free ID pool: what a short claim refills and what auto top-up keeps filled. */
  private final IdPool pool;

  /** Where new IDs come from: {@link #pool}, or IDs generated and inserted as assigned. */
  private final IdSupply supply;

  private final PoolPolicy policy;
  private final Runnable afterLookup;
  private final Runnable schemaCheck;
  private final OntologyTypes types;
  private final KeyReader reader;
  private final KeySpace keySpace;

  /** Whether the schema has the aliases (version 6): lookups also work on older schemas. */
  private final java.util.function.BooleanSupplier hasAliases;

  /** Free IDs known to exist at least, since the last count; -1 before the first count. */
  private final AtomicLong freeEstimate = new AtomicLong(-1);

  /**
   * @param reads where lookups read first (a read replica, or {@code db}); a key it lacks is looked
   *     up again in {@code db}, so a replica's lag never reports a minted key missing
   * @param afterLookup runs inside the transaction between the first lookup and the claim (a test
   *     hook for deterministic race tests; a no-op otherwise)
   * @param schemaCheck throws unless the schema is current
   * @param types the ontology types a key to be minted may have
   */
  public SqlMinter(
      Database db,
      Database reads,
      IdPool pool,
      IdSupply supply,
      PoolPolicy policy,
      Runnable afterLookup,
      Runnable schemaCheck,
      OntologyTypes types,
      KeySpace keySpace,
      java.util.function.BooleanSupplier hasAliases) {
    this.db = Objects.requireNonNull(db);
    this.reads = Objects.requireNonNull(reads);
    this.keySpace = Objects.requireNonNull(keySpace);
    this.hasAliases = Objects.requireNonNull(hasAliases);
    this.reader = new KeyReader(db.dialect());
    this.pool = Objects.requireNonNull(pool);
    this.supply = Objects.requireNonNull(supply);
    this.policy = Objects.requireNonNull(policy);
    this.afterLookup = Objects.requireNonNull(afterLookup);
    this.schemaCheck = Objects.requireNonNull(schemaCheck);
    this.types = Objects.requireNonNull(types);
  }

  /** {@code claimed}: how many IDs the call took from the pool. */
  private record Outcome(MintPlan plan, Map<SourceIdentifier, CanonicalId> ids, int claimed) {}

  /** Raised inside the transaction when the pool has too few free IDs and auto top-up is on. */
  private static final class PoolShort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int needed;
    final int got;

    PoolShort(int needed, int got) {
      super("free ID pool short: needed " + needed + ", got " + got, null, false, false);
      this.needed = needed;
      this.got = got;
    }
  }

  @Override
  public Map<SourceIdentifier, CanonicalId> mint(List<MintRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    for (MintRequest r : requests) {
      types.requireKnown(r.key()); // a misspelled type would mint a permanent ID under it
    }
    // Conflicting predecessors fail here, before any SQL, with the aliases last seen; the plan is
    // made again inside the transaction if the aliases in force there differ.
    SystemAliases known = keySpace.lastKnown();
    MintPlan checked = MintPlan.of(requests, known);
    if (checked.isEmpty()) {
      return Map.of();
    }
    schemaCheck.run();
    String action = "minting " + checked.size() + " key(s)";
    Outcome outcome = null;
    Collisions collisions = new Collisions();
    for (int round = 1; outcome == null; round++) {
      try {
        outcome =
            db.inTransaction(
                action,
                c -> {
                  SystemAliases aliases = keySpace.shared(c);
                  return mintOnce(
                      c,
                      aliases.equals(known) ? checked : MintPlan.of(requests, aliases),
                      collisions);
                });
      } catch (PoolShort s) {
        // Never fail only because the pool ran low: refill in its own transaction, then run again.
        if (round == MAX_REFILLS + 1) {
          throw new MintException(
              ErrorCode.POOL_EXHAUSTED,
              "free ID pool exhausted: needed "
                  + s.needed
                  + ", got "
                  + s.got
                  + " after refilling it "
                  + MAX_REFILLS
                  + " times (concurrent minters are taking IDs faster"
                  + " than they are added): run `idminter pool top-up --desired N` with a larger N");
        }
        LOG.info("free ID pool short (needed {}, got {}): refilling", s.needed, s.got);
        pool.refill((long) s.needed + Math.max(policy.topUpTo(), policy.lowWaterMark()));
        freeEstimate.set(-1);
      }
    }
    if (outcome.claimed() > 0) {
      keepPoolAboveLowWater(outcome.claimed());
    }
    return outcome.plan().result(outcome.ids());
  }

  @Override
  public LookupResult lookup(Collection<SourceIdentifier> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      return new LookupResult(Map.of(), List.of(), List.of());
    }
    LookupResult first = lookupIn(reads, keys);
    if (reads == db || first.missing().isEmpty()) {
      return first;
    }
    // Missing on the replica may only mean not replicated yet: the primary decides.
    LookupResult again = lookupIn(db, first.missing());
    Map<SourceIdentifier, CanonicalId> hits = new LinkedHashMap<>();
    for (SourceIdentifier k : new LinkedHashSet<>(keys)) {
      CanonicalId id = first.found().getOrDefault(k, again.found().get(k));
      if (id != null) {
        hits.put(k, id);
      }
    }
    List<CollationClash> clashes = new ArrayList<>(first.clashes());
    clashes.addAll(again.clashes());
    return new LookupResult(hits, again.missing(), clashes);
  }

  private LookupResult lookupIn(Database from, Collection<SourceIdentifier> keys) {
    Map<SourceIdentifier, SourceIdentifier> storedKeyOf = new LinkedHashMap<>();
    KeyReader.Found found =
        from.read(
            "looking up " + keys.size() + " key(s)",
            c -> {
              storedKeyOf.clear();
              SystemAliases aliases =
                  hasAliases.getAsBoolean() ? keySpace.read(c) : SystemAliases.NONE;
              keys.forEach(k -> storedKeyOf.putIfAbsent(k, aliases.stored(k)));
              return reader.read(c, new ArrayList<>(storedKeyOf.values()));
            });
    Map<SourceIdentifier, CanonicalId> hits = new LinkedHashMap<>();
    List<SourceIdentifier> missing = new ArrayList<>();
    storedKeyOf.forEach(
        (requested, stored) -> {
          CanonicalId id = found.ids().get(stored);
          if (id != null) {
            hits.put(requested, id);
          } else {
            missing.add(requested);
          }
        });
    return new LookupResult(hits, missing, found.clashes());
  }

  private Outcome mintOnce(Connection c, MintPlan plan, Collisions collisions) throws SQLException {
    KeyReader.Found found = reader.read(c, plan.lookupKeys());
    failOnClashes(found.clashes());
    afterLookup.run();
    MintPlan.Resolution resolution = plan.resolve(found.ids());
    Map<SourceIdentifier, CanonicalId> ids = new HashMap<>(found.ids());
    if (resolution.isEmpty()) {
      return new Outcome(plan, ids, 0);
    }

    int needed = resolution.roots().size();
    List<CanonicalId> claimed = needed == 0 ? List.of() : supply.take(c, needed);
    if (claimed.size() < needed) {
      if (policy.autoTopUp()) {
        throw new PoolShort(needed, claimed.size());
      }
      throw new MintException(
          ErrorCode.POOL_EXHAUSTED,
          "free ID pool exhausted: needed "
              + needed
              + ", got "
              + claimed.size()
              + "; nothing was minted: run `idminter pool top-up --desired N` or enable auto top-up");
    }

    Map<SourceIdentifier, CanonicalId> planned = resolution.assign(claimed, found.ids());
    List<SourceIdentifier> newKeys =
        new ArrayList<>(
            new TreeSet<>(planned.keySet())); // one order for all minters: fewer deadlocks
    List<Map.Entry<SourceIdentifier, CanonicalId>> rows =
        newKeys.stream().map(k -> Map.entry(k, planned.get(k))).toList();
    boolean allOurs = db.dialect().insertMappingsIfAbsent(c, "identifiers", rows, collisions);

    // What the database holds now: ours, or a concurrent minter's committed row (first mint wins).
    // When the insert proved every row new, that is exactly what was planned: no need to re-read.
    KeyReader.Found stored;
    if (allOurs) {
      stored = new KeyReader.Found(planned, List.of());
    } else {
      stored = reader.read(c, newKeys);
      failOnClashes(stored.clashes());
      for (SourceIdentifier k : newKeys) {
        if (!stored.ids().containsKey(k)) {
          throw new StoreException(
              "the mapping for "
                  + k
                  + " is missing right after it was inserted; the database's collation may"
                  + " treat it as equal to another stored key; nothing was minted");
        }
      }
    }
    for (Map.Entry<SourceIdentifier, SourceIdentifier> e :
        resolution.immediatePredecessor().entrySet()) {
      CanonicalId mine = stored.ids().get(e.getKey());
      SourceIdentifier pred = e.getValue();
      CanonicalId expected =
          planned.containsKey(pred) ? stored.ids().get(pred) : found.ids().get(pred);
      if (mine.equals(planned.get(e.getKey())) && !mine.equals(expected)) {
        // Our predecessor lost a race to a concurrent minter after we planned the inheritance.
        throw new RetryTransaction(
            "predecessor " + pred + " of " + e.getKey() + " was minted concurrently");
      }
    }

    Set<CanonicalId> claimedSet = new HashSet<>(claimed);
    Set<CanonicalId> used = new HashSet<>();
    stored.ids().values().stream().filter(claimedSet::contains).forEach(used::add);
    supply.settle(c, claimed, used); // IDs taken but not used (lost races) are given back

    List<SourceIdentifier> inherited =
        resolution.immediatePredecessor().keySet().stream()
            .filter(k -> stored.ids().get(k).equals(planned.get(k)))
            .sorted()
            .toList();
    Sql.batch(
        c,
        db.dialect().insertInheritanceIfAbsent(),
        inherited,
        (ps, k) -> {
          SourceIdentifier p = resolution.immediatePredecessor().get(k);
          ps.setString(1, k.ontologyType());
          ps.setString(2, k.sourceSystem());
          ps.setString(3, k.sourceId());
          ps.setString(4, p.ontologyType());
          ps.setString(5, p.sourceSystem());
          ps.setString(6, p.sourceId());
          ps.setString(7, stored.ids().get(k).value());
        });
    ids.putAll(stored.ids());
    return new Outcome(plan, ids, supply.usesPool() ? claimed.size() : 0);
  }

  private static void failOnClashes(List<CollationClash> clashes) {
    if (!clashes.isEmpty()) {
      throw new MintException(
          ErrorCode.COLLATION_CLASH,
          clashes.stream().map(CollationClash::message).collect(Collectors.joining("; "))
              + "; nothing was minted");
    }
  }

  /**
   * After a commit that used pool IDs: top up in its own transaction once below the low-water mark.
   */
  private void keepPoolAboveLowWater(int claimed) {
    if (!policy.autoTopUp() || policy.lowWaterMark() == 0) {
      return;
    }
    long estimate = freeEstimate.get() < 0 ? -1 : freeEstimate.addAndGet(-claimed);
    if (estimate >= policy.lowWaterMark()) {
      return;
    }
    try {
      long free = pool.countFreeUpTo(policy.topUpTo());
      if (free < policy.lowWaterMark()) {
        LOG.info(
            "free ID pool below the low-water mark ({} < {}): topping up to {}",
            free,
            policy.lowWaterMark(),
            policy.topUpTo());
        free = pool.topUp(policy.topUpTo(), ProgressListener.NONE).freeAfter();
      }
      freeEstimate.set(free);
    } catch (IdMinterException e) {
      // The mint itself committed; the next call that finds the pool short tops up again.
      LOG.warn(
          "automatic pool top-up failed (minting goes on; the next short call tops up again): {}",
          e.getMessage());
      freeEstimate.set(-1);
    }
  }
}
