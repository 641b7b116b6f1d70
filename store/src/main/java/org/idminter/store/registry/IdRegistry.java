package org.idminter.store.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.idminter.core.ErrorCode;
import org.idminter.core.InvalidInputException;
import org.idminter.core.StoreException;
import org.idminter.core.id.Flake64Generator;
import org.idminter.core.id.IdMapping;
import org.idminter.core.id.Qid;
import org.idminter.core.id.QidPrefixes;
import org.idminter.store.cache.MappingCache;
import org.idminter.store.jdbc.Database;
import org.idminter.store.registry.RegistryTable.Row;
import org.idminter.store.sql.Collisions;

/**
 * The internal↔external ID registry ({@code entity_id_mapping}): registers external IDs (Q42, P31,
 * L7) under fresh flake64 internal IDs, allocates new external IDs from per-type counters, and
 * resolves either way. The database decides: its primary key and unique external_id make each ID
 * map to exactly one of the other, and a mapping, once written, is never changed. The cache only
 * answers resolutions, and is filled only from committed rows.
 */
public final class IdRegistry {
  /** Draws of fresh internal IDs for one row before a registration gives up. */
  static final int MAX_DRAWS = 8;

  /** Passes of an allocation over numbers that turned out to be registered already. */
  static final int MAX_PASSES = 40;

  /** At most this many IDs per call. */
  public static final int MAX_BATCH = 1_000_000;

  private final Database db;
  private final Flake64Generator generator;
  private final QidPrefixes prefixes;
  private final Runnable schemaCheck;
  private final RegistryCache cached;
  private final LongAdder regenerated = new LongAdder();
  private final RegistryResolver resolver;

  public IdRegistry(
      Database db,
      Flake64Generator generator,
      QidPrefixes prefixes,
      Runnable schemaCheck,
      MappingCache cache) {
    this.db = Objects.requireNonNull(db);
    this.generator = Objects.requireNonNull(generator);
    this.prefixes = Objects.requireNonNull(prefixes);
    this.schemaCheck = Objects.requireNonNull(schemaCheck);
    this.cached = new RegistryCache(cache, prefixes);
    this.resolver = new RegistryResolver(db, prefixes, schemaCheck, cached);
  }

  /**
   * The Valkey/Redis namespace of this database's cache entries ({@code idminter:INSTANCE:}), read
   * from its identity row; empty before the schema has one (then only the in-process cache is
   * used).
   */
  public static Optional<String> cacheNamespace(Database db, boolean schemaCurrent) {
    if (!schemaCurrent) {
      return Optional.empty();
    }
    return Optional.of(
        "idminter:" + db.read("reading the database's identity", RegistryTable::instanceId) + ":");
  }

  public QidPrefixes prefixes() {
    return prefixes;
  }

  /**
   * Reads {@code externalIds} as a registration would, failing with every invalid one named
   * (callers check input before opening a database).
   */
  public static List<Qid> parseAll(
      QidPrefixes prefixes, Collection<String> externalIds, Optional<String> type) {
    return RegistryInput.parseAll(prefixes, externalIds, type);
  }

  /** Fresh internal IDs drawn again since this registry opened (collisions with other rows). */
  public long regeneratedTotal() {
    return regenerated.sum();
  }

  /**
   * Registers {@code externalIds} in one transaction: one already registered keeps its internal ID,
   * a new one gets a fresh flake64. The entity type follows from the prefix and must agree with
   * {@code type} if given. Any invalid ID fails the call, naming every one, before anything is
   * written.
   */
  public Registration register(Collection<String> externalIds, Optional<String> type) {
    List<Qid> qids = RegistryInput.parseAll(prefixes, externalIds, type);
    schemaCheck.run();
    Collisions collisions = new Collisions();
    Registration r =
        db.inTransaction(
            "registering " + qids.size() + " external ID(s)",
            c -> {
              db.dialect().serializeRegistryWrites(c);
              return registerIn(c, qids, collisions);
            });
    cached.remember(r.ids().stream().map(Registration.Entry::mapping).toList());
    return r;
  }

  /**
   * Hands out the next {@code n} external IDs of {@code type} from its counter, registering each
   * under a fresh internal ID, in one transaction. Numbers are never reused; a call that rolls back
   * leaves a gap, and numbers someone registered by hand are skipped.
   */
  public Registration allocate(String type, int n) {
    if (!QidPrefixes.TYPES.contains(type)) {
      throw new InvalidInputException(
          "bad entity type '" + type + "': expected one of " + QidPrefixes.TYPES);
    }
    RegistryInput.checkCount(n);
    prefixes.prefixOf(type);
    schemaCheck.run();
    Collisions collisions = new Collisions();
    Registration r =
        db.inTransaction(
            "allocating " + n + " " + type + " ID(s)",
            c -> {
              db.dialect().serializeRegistryWrites(c);
              return allocateIn(c, type, n, collisions);
            });
    cached.remember(r.ids().stream().map(Registration.Entry::mapping).toList());
    return r;
  }

  /**
   * Resolves each value: an external ID (per the configured prefixes) to its internal ID, a decimal
   * or base32 flake64 to its external ID. Values that are neither fail the call, naming every one.
   */
  public Resolution resolve(Collection<String> values) {
    return resolver.resolve(values);
  }

  /** Registers {@code qids}: those registered keep their mappings, the rest are inserted. */
  private Registration registerIn(Connection c, List<Qid> qids, Collisions collisions)
      throws SQLException {
    Map<String, Qid> wanted = new LinkedHashMap<>();
    qids.forEach(q -> wanted.putIfAbsent(q.toString(), q));
    Map<String, Registration.Entry> done = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(wanted.keySet());
    RegistryTable.byExternal(c, keys)
        .forEach(
            (e, r) ->
                done.put(
                    e,
                    new Registration.Entry(
                        RegistryRows.existing(r, wanted.get(e), prefixes), false)));
    return insertFresh(c, wanted, done, collisions);
  }

  /**
   * Inserts those of {@code wanted} not in {@code done} under fresh internal IDs, drawing again for
   * any whose internal ID another entity has, and taking any registered meanwhile by another
   * transaction as it stands; returns every wanted ID in order.
   */
  private Registration insertFresh(
      Connection c,
      Map<String, Qid> wanted,
      Map<String, Registration.Entry> done,
      Collisions collisions)
      throws SQLException {
    // In one order in every transaction, so two registrations of overlapping IDs queue rather
    // than deadlock.
    List<Qid> todo =
        wanted.values().stream()
            .filter(q -> !done.containsKey(q.toString()))
            .sorted(java.util.Comparator.comparing(Qid::toString))
            .toList();
    int created = 0;
    int drawnAgain = 0;
    for (int draw = 1; !todo.isEmpty(); draw++) {
      if (draw > MAX_DRAWS) {
        throw new StoreException(
            ErrorCode.INTERNAL,
            "could not find unused internal IDs for "
                + todo.size()
                + " external ID(s) (first "
                + todo.get(0)
                + ") in "
                + MAX_DRAWS
                + " draws: every fresh flake64 was taken; nothing was written. Is this machine's"
                + " clock far behind the one that registered the rows?");
      }
      List<IdMapping> rows = todo.stream().map(q -> new IdMapping(generator.next(), q)).toList();
      if (db.dialect().insertEntityMappings(c, rows, collisions)) {
        for (IdMapping m : rows) {
          done.put(m.externalId().toString(), new Registration.Entry(m, true));
        }
        created += rows.size();
        break;
      }
      Map<String, Row> back =
          RegistryTable.byExternal(c, rows.stream().map(m -> m.externalId().toString()).toList());
      List<Qid> again = new ArrayList<>();
      for (IdMapping m : rows) {
        Row r = back.get(m.externalId().toString());
        if (r == null) {
          again.add(m.externalId()); // its internal ID belongs to another entity: draw again
        } else if (r.internalId() == m.internalId().value()) {
          done.put(m.externalId().toString(), new Registration.Entry(m, true));
          created++;
        } else {
          // Registered meanwhile by another transaction: its mapping stands.
          done.put(
              m.externalId().toString(),
              new Registration.Entry(RegistryRows.existing(r, m.externalId(), prefixes), false));
        }
      }
      drawnAgain += again.size();
      todo = again;
    }
    // Where the database proved rows new by a plain insert that met a collision, the attempt that
    // met it was rolled back and every row drawn again (see Collisions): each such round counts.
    drawnAgain += collisions.met();
    regenerated.add(drawnAgain);
    List<Registration.Entry> inOrder = new ArrayList<>(wanted.size());
    for (String e : wanted.keySet()) {
      inOrder.add(done.get(e));
    }
    return new Registration(inOrder, created, drawnAgain);
  }

  private Registration allocateIn(Connection c, String type, int n, Collisions collisions)
      throws SQLException {
    List<Registration.Entry> out = new ArrayList<>(n);
    int regeneratedHere = 0;
    long skipped = 0;
    for (int pass = 1; out.size() < n; pass++) {
      if (pass > MAX_PASSES) {
        throw new StoreException(
            ErrorCode.INTERNAL,
            "allocating "
                + n
                + " "
                + type
                + " ID(s): "
                + skipped
                + " numbers from the counter were registered already, after "
                + MAX_PASSES
                + " passes; nothing was written. Something registers "
                + prefixes.prefixOf(type)
                + " IDs beside idminter's counter");
      }
      int need = n - out.size();
      // After a collision, look further ahead (by up to 100,000): numbers registered by hand
      // tend to come in runs; the numbers passed over stay unused, as gaps.
      long take = need + Math.min(2 * skipped, 100_000L);
      long first = RegistryTable.reserve(c, type, take);
      Map<String, Qid> candidates = new LinkedHashMap<>();
      for (long i = 0; i < take; i++) {
        Qid q = prefixes.qid(type, first + i);
        candidates.put(q.toString(), q);
      }
      Map<String, Row> taken = RegistryTable.byExternal(c, new ArrayList<>(candidates.keySet()));
      Map<String, Qid> free = new LinkedHashMap<>();
      candidates.forEach(
          (e, q) -> {
            if (!taken.containsKey(e) && free.size() < need) {
              free.put(e, q);
            }
          });
      // Known to be unregistered a moment ago: inserted at once (a concurrent registration of
      // one of them is found by the insert, and that number skipped).
      Registration r = insertFresh(c, free, new LinkedHashMap<>(), collisions);
      regeneratedHere += r.regenerated();
      for (Registration.Entry e : r.ids()) {
        if (e.created()) {
          out.add(e);
        }
      }
      skipped += taken.size() + (free.size() - r.created());
    }
    return new Registration(out, out.size(), regeneratedHere);
  }
}
