package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.id.Flake64;
import org.idminter.store.IdStore;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.registry.IdRegistry;
import org.idminter.store.registry.Registration;
import org.idminter.store.registry.Resolution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ID registry's guarantees, on every database: a registration keeps what exists and gives each
 * new external ID a fresh flake64, in a bounded number of statements; invalid input writes nothing;
 * collisions are drawn again and counted; allocation never hands a number out twice; resolution
 * works both ways. The table's invariants are checked after every test.
 */
public abstract class RegistryContract extends StoreFixture {
  private IdRegistry registry() {
    return store.registry();
  }

  @AfterEach
  void registryInvariants() {
    RegistryInvariants.check(database());
  }

  static List<String> qids(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }

  private long rows() {
    return count("SELECT COUNT(*) FROM entity_id_mapping");
  }

  private static String external(Registration.Entry e) {
    return e.mapping().externalId().toString();
  }

  @Test
  void newIdsGetFreshFlake64sInTheOrderAskedEachOnce() {
    long before = System.currentTimeMillis();
    Registration r = registry().register(List.of("Q42", "P31", "L7", "Q42"), Optional.empty());
    assertThat(r.ids().stream().map(RegistryContract::external))
        .containsExactly("Q42", "P31", "L7");
    assertThat(r.ids().stream().map(e -> e.mapping().entityType()))
        .containsExactly("item", "property", "lexeme");
    assertThat(r.created()).isEqualTo(3);
    assertThat(r.regenerated()).isZero();
    for (Registration.Entry e : r.ids()) {
      assertThat(e.created()).isTrue();
      assertThat(e.mapping().internalId().timestamp())
          .isBetween(before - 5, System.currentTimeMillis() + 5);
    }
    assertThat(rows()).isEqualTo(3);
  }

  @Test
  void aRegisteredIdKeepsItsInternalId() {
    Registration first = registry().register(List.of("Q42", "P31", "L7"), Optional.empty());
    Registration again = registry().register(List.of("L7", "Q42", "Q43"), Optional.empty());
    assertThat(again.created()).isEqualTo(1);
    assertThat(again.ids().get(0).created()).isFalse();
    assertThat(again.ids().get(0).mapping()).isEqualTo(first.ids().get(2).mapping());
    assertThat(again.ids().get(1).mapping()).isEqualTo(first.ids().get(0).mapping());
    assertThat(again.ids().get(2).created()).isTrue();
    Map<String, Long> stored = RegistryInvariants.check(database());
    for (Registration.Entry e : first.ids()) {
      assertThat(stored).containsEntry(external(e), e.mapping().internalId().value());
    }
  }

  @Test
  void aBatchTakesABoundedNumberOfStatements() {
    counter.reset();
    registry().register(qids("Q", 1, 1001), Optional.empty());
    // One lookup and one multi-row insert (the H2 batch is one prepared statement), and on H2 the
    // lock registrations take turns on.
    assertThat(counter.statements()).isLessThanOrEqualTo(3);
    counter.reset();
    registry().register(qids("Q", 501, 1501), Optional.empty());
    assertThat(counter.statements()).isLessThanOrEqualTo(3);
    counter.reset();
    registry().register(qids("Q", 1, 3001), Optional.empty());
    // Three lookups of at most 1,000 and one insert of the 1,500 new.
    assertThat(counter.statements()).isLessThanOrEqualTo(5);
    assertThat(rows()).isEqualTo(3000);
  }

  @Test
  void invalidIdsFailTheWholeCallNamingEachAndWriteNothing() {
    registry().register(List.of("Q1"), Optional.empty());
    assertThatThrownBy(
            () -> registry().register(List.of("Q2", "Q01", "X5", "", "Q3"), Optional.empty()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("3 invalid")
        .hasMessageContaining("'Q01'")
        .hasMessageContaining("'X5'")
        .hasMessageContaining("''");
    assertThatThrownBy(() -> registry().register(List.of("Q2", "P31"), Optional.of("item")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'P31' (its prefix P names property, not item)");
    assertThatThrownBy(
            () -> registry().register(List.of("Q" + "9".repeat(18) + "9"), Optional.empty()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(rows()).isEqualTo(1);
  }

  @Test
  void aStoredTypeThatDisagreesWithThePrefixIsRefused() {
    database()
        .execute(
            "INSERT INTO entity_id_mapping (internal_id, external_id, entity_type)"
                + " VALUES (4611686018427387904, 'Q9', 'property')");
    assertThatThrownBy(() -> registry().register(List.of("Q8", "Q9"), Optional.empty()))
        .isInstanceOf(IdMinterException.class)
        .satisfies(e -> assertThat(((IdMinterException) e).code()).isEqualTo(ErrorCode.REFUSED))
        .hasMessageContaining("Q9 is registered with entity type property");
    database().execute("DELETE FROM entity_id_mapping WHERE external_id = 'Q9'");
    assertThat(rows()).isZero();
  }

  @Test
  void aTakenInternalIdIsDrawnAgainAndCounted() {
    InstantSource frozen = InstantSource.fixed(Instant.parse("2026-12-01T12:00:00Z"));
    Flake64 taken;
    try (IdStore a = openWith(frozen, 99)) {
      taken =
          a.registry()
              .register(List.of("Q1"), Optional.empty())
              .ids()
              .get(0)
              .mapping()
              .internalId();
    }
    // Same clock, same seed: the second store's first draw is the one just taken.
    try (IdStore b = openWith(frozen, 99)) {
      Registration r = b.registry().register(List.of("Q2", "Q3"), Optional.empty());
      assertThat(r.regenerated()).isGreaterThanOrEqualTo(1);
      assertThat(r.created()).isEqualTo(2);
      assertThat(r.ids().stream().map(e -> e.mapping().internalId())).doesNotContain(taken);
      assertThat(b.registry().regeneratedTotal()).isEqualTo(r.regenerated());
    }
    assertThat(rows()).isEqualTo(3);
  }

  private IdStore openWith(InstantSource clock, long seed) {
    return IdStore.builder(database().config(PoolPolicy.DEFAULT), new Random(seed))
        .clock(clock)
        .open();
  }

  @Test
  void allocationHandsOutEachNumberOnceAndSkipsHandRegisteredOnes() {
    Registration first = registry().allocate("item", 3);
    assertThat(first.ids().stream().map(RegistryContract::external))
        .containsExactly("Q1", "Q2", "Q3");
    registry().register(List.of("Q5", "Q6", "P1"), Optional.empty());
    Registration second = registry().allocate("item", 3);
    assertThat(second.ids().stream().map(RegistryContract::external))
        .containsExactly("Q4", "Q7", "Q8");
    assertThat(second.created()).isEqualTo(3);
    Registration properties = registry().allocate("property", 2);
    assertThat(properties.ids().stream().map(RegistryContract::external))
        .containsExactly("P2", "P3");
    assertThat(registry().allocate("lexeme", 1).ids().get(0).mapping().externalId())
        .hasToString("L1");
    assertThatThrownBy(() -> registry().allocate("sense", 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'sense'");
    assertThat(rows()).isEqualTo(3 + 3 + 3 + 2 + 1);
  }

  @Test
  void resolutionWorksBothWaysAndReportsMissing() {
    Registration r = registry().register(List.of("Q42", "P31"), Optional.empty());
    Flake64 q42 = r.ids().get(0).mapping().internalId();
    Resolution res =
        registry()
            .resolve(
                List.of(
                    "Q42",
                    q42.toString(),
                    r.ids().get(1).mapping().internalId().toBase32(),
                    "Q43",
                    "123",
                    "00" + q42,
                    r.ids().get(1).mapping().internalId().toBase32().toLowerCase()));
    assertThat(res.entries().stream().map(e -> e.answer().orElse("-")))
        .containsExactly(q42.toString(), "Q42", "P31", "-", "-", "Q42", "P31");
    assertThat(res.entries().get(0).direction())
        .isEqualTo(Resolution.Direction.EXTERNAL_TO_INTERNAL);
    assertThat(res.missing()).isEqualTo(2);
    // Through the in-process cache too, now that the database's answers are cached.
    try (IdStore cached =
        IdStore.builder(
                database()
                    .config(PoolPolicy.DEFAULT)
                    .with(
                        org.idminter.store.RegistrySettings.DEFAULT.withCache(
                            Optional.of(
                                org.idminter.store.cache.CacheConfig.parse("memory", 100)))),
                new Random(1))
            .open()) {
      List<String> again =
          List.of(
              "Q42", q42.toString(), "00" + q42, r.ids().get(1).mapping().internalId().toBase32());
      cached.registry().resolve(again);
      assertThat(
              cached.registry().resolve(again).entries().stream().map(e -> e.answer().orElse("-")))
          .containsExactly(q42.toString(), "Q42", "Q42", "P31");
      assertThat(cached.cache().stats().localHits()).isEqualTo(3);
    }
    assertThatThrownBy(() -> registry().resolve(List.of("Q42", "nope", "Q0")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2 value(s)")
        .hasMessageContaining("'nope'")
        .hasMessageContaining("'Q0'");
  }

  @Test
  void eightWorkersWithOverlappingIdsAgreeOnEveryMapping() throws Exception {
    int workers = 8;
    List<String> shared = qids("Q", 1, 2001);
    java.util.concurrent.ConcurrentHashMap<String, java.util.Set<Long>> seen =
        new java.util.concurrent.ConcurrentHashMap<>();
    java.util.Queue<String> allocated = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicInteger created =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(workers);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(workers);
    List<java.util.concurrent.Future<Integer>> done = new java.util.ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      done.add(
          pool.submit(
              () -> {
                // Each worker is a process of its own: its own pool and its own generator.
                try (IdStore own =
                    IdStore.builder(database().config(PoolPolicy.DEFAULT), new Random(worker))
                        .open()) {
                  List<String> mine = new java.util.ArrayList<>(shared);
                  java.util.Collections.shuffle(mine, new Random(100 + worker));
                  mine.addAll(qids("P", worker * 1000 + 1, worker * 1000 + 301));
                  start.await();
                  int calls = 0;
                  for (int from = 0; from < mine.size(); from += 150) {
                    List<String> batch = mine.subList(from, Math.min(mine.size(), from + 150));
                    Registration r = own.registry().register(batch, Optional.empty());
                    created.addAndGet(r.created());
                    for (Registration.Entry e : r.ids()) {
                      seen.computeIfAbsent(
                              external(e), k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                          .add(e.mapping().internalId().value());
                    }
                    if (worker >= 6) {
                      own.registry()
                          .allocate("lexeme", 20)
                          .ids()
                          .forEach(e -> allocated.add(external(e)));
                    }
                    calls++;
                  }
                  return calls;
                }
              }));
    }
    for (java.util.concurrent.Future<Integer> f : done) {
      assertThat(f.get(5, java.util.concurrent.TimeUnit.MINUTES)).isPositive();
    }
    pool.shutdown();
    Map<String, Long> stored = RegistryInvariants.check(database());
    assertThat(stored).hasSize(2000 + workers * 300 + allocated.size());
    seen.forEach(
        (external, internals) -> {
          assertThat(internals).as(external).hasSize(1);
          assertThat(stored.get(external)).as(external).isEqualTo(internals.iterator().next());
        });
    assertThat(new java.util.HashSet<>(allocated)).hasSameSizeAs(allocated);
    assertThat(allocated).hasSize(2 * 16 * 20);
    // Every row was created by exactly one call: no registration claimed another's row.
    assertThat(created.get() + allocated.size()).isEqualTo(stored.size());
  }
}
