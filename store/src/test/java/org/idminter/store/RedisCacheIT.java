package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.CanonicalId;
import org.idminter.core.LookupResult;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.IdMapping;
import org.idminter.store.cache.CacheConfig;
import org.idminter.store.cache.CacheStats;
import org.idminter.store.registry.Registration;
import org.idminter.store.registry.Resolution;
import org.idminter.store.testing.RedisServers;
import org.idminter.store.testing.RegistryInvariants;
import org.idminter.store.testing.StatementCounter;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

/**
 * The read cache against real Redis servers: reads answered without the database, missing IDs never
 * cached, databases sharing one server kept apart, and a server that dies or fills up costing only
 * speed, never an error or a wrong answer.
 */
class RedisCacheIT {
  private static IdStore open(TestDatabase db, Optional<URI> redis, StatementCounter counter) {
    StoreConfig config =
        db.config()
            .with(
                RegistrySettings.DEFAULT.withCache(
                    Optional.of(
                        CacheConfig.parse(redis.map(URI::toString).orElse("memory"), 100_000))));
    IdStore.Builder b = IdStore.builder(config, new Random());
    if (counter != null) {
      b.connectionDecorator(counter.decorator());
    }
    return b.open();
  }

  private static List<String> qids(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("Q" + i);
    }
    return out;
  }

  /** What the database holds, resolved without any cache, as value → answer. */
  private static List<String> truth(TestDatabase db, List<String> values) {
    try (IdStore plain = IdStore.builder(db.config(), new Random()).open()) {
      return plain.registry().resolve(values).entries().stream()
          .map(e -> e.answer().orElse("-"))
          .toList();
    }
  }

  @Test
  void resolutionsThroughRedisSkipTheDatabase() {
    TestDatabase db = TestDatabases.h2();
    URI redis = RedisServers.shared();
    Registration r;
    try (IdStore a = open(db, Optional.of(redis), null)) {
      r = a.registry().register(qids(1, 501), Optional.empty());
    }
    List<String> values = new ArrayList<>(qids(1, 501));
    r.ids().forEach(e -> values.add(e.mapping().internalId().toString()));
    StatementCounter counter = new StatementCounter();
    try (IdStore b = open(db, Optional.of(redis), counter)) {
      counter.reset();
      Resolution res = b.registry().resolve(values);
      assertThat(counter.statements()).isZero();
      assertThat(res.missing()).isZero();
      assertThat(res.entries().stream().map(e -> e.answer().orElseThrow()).toList())
          .isEqualTo(truth(db, values));
      assertThat(b.cache().stats().redisHits()).isEqualTo(1000);
      // Now in the process too.
      b.registry().resolve(values);
      assertThat(b.cache().stats().localHits()).isEqualTo(1000);
      assertThat(counter.statements()).isZero();
    }
  }

  @Test
  void missingIdsAreNeverCachedAndRegistrationsAlwaysGoToTheDatabase() {
    TestDatabase db = TestDatabases.h2();
    try (IdStore cached = open(db, Optional.of(RedisServers.shared()), null);
        IdStore plain = IdStore.builder(db.config(), new Random()).open()) {
      assertThat(cached.registry().resolve(List.of("Q7")).missing()).isEqualTo(1);
      IdMapping q7 =
          plain.registry().register(List.of("Q7"), Optional.empty()).ids().get(0).mapping();
      assertThat(cached.registry().resolve(List.of("Q7")).entries().get(0).mapping()).contains(q7);
      // Cached now; registering again still asks the database (and gets the same mapping).
      Registration again = cached.registry().register(List.of("Q7"), Optional.empty());
      assertThat(again.ids().get(0).created()).isFalse();
      assertThat(again.ids().get(0).mapping()).isEqualTo(q7);
    }
  }

  @Test
  void databasesSharingOneRedisNeverReadEachOther() {
    TestDatabase first = TestDatabases.h2();
    TestDatabase second = TestDatabases.h2();
    URI redis = RedisServers.shared();
    try (IdStore a = open(first, Optional.of(redis), null);
        IdStore b = open(second, Optional.of(redis), null)) {
      IdMapping inA = a.registry().register(List.of("Q1"), Optional.empty()).ids().get(0).mapping();
      IdMapping inB = b.registry().register(List.of("Q1"), Optional.empty()).ids().get(0).mapping();
      assertThat(inA).isNotEqualTo(inB);
      a.cache().clearLocal();
      b.cache().clearLocal();
      assertThat(a.registry().resolve(List.of("Q1")).entries().get(0).mapping()).contains(inA);
      assertThat(b.registry().resolve(List.of("Q1")).entries().get(0).mapping()).contains(inB);
      assertThat(
              b.registry().resolve(List.of(inA.internalId().toString())).entries().get(0).mapping())
          .isEmpty();
    }
  }

  @Test
  void canonicalLookupsReadThroughTheCache() {
    TestDatabase db = TestDatabases.h2();
    URI redis = RedisServers.shared();
    List<SourceIdentifier> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add(SourceIdentifier.parse("Work[sierra-system-number/b" + (1_000_000 + i) + "]"));
    }
    Map<SourceIdentifier, CanonicalId> minted;
    try (IdStore a = open(db, Optional.of(redis), null)) {
      minted = a.minter().mint(keys.subList(0, 150).stream().map(MintRequest::of).toList());
    }
    StatementCounter counter = new StatementCounter();
    try (IdStore b = open(db, Optional.of(redis), counter)) {
      counter.reset();
      LookupResult found = b.minter().lookup(keys.subList(0, 150));
      assertThat(counter.statements()).isZero();
      assertThat(found.found()).isEqualTo(minted);
      LookupResult mixed = b.minter().lookup(keys);
      assertThat(mixed.found()).isEqualTo(minted);
      assertThat(mixed.missing()).isEqualTo(keys.subList(150, 200));
      // The 50 missing ones were read from the database, and are still not cached.
      counter.reset();
      assertThat(b.minter().lookup(keys.subList(150, 200)).missing()).hasSize(50);
      assertThat(counter.statements()).isPositive();
    }
  }

  @Test
  void aRedisKilledMidRunCostsSpeedNeverAnAnswer() {
    TestDatabase db = TestDatabases.h2();
    try (RedisServers.PrivateRedis redis = RedisServers.start();
        IdStore store = open(db, Optional.of(redis.uri()), null)) {
      List<String> asked = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        if (round == 8) {
          redis.stop();
        }
        List<String> batch = qids(round * 100 + 1, round * 100 + 101);
        store.registry().register(batch, Optional.empty());
        asked.addAll(batch);
        store.cache().clearLocal(); // make every resolution ask Redis (or fall back)
        List<String> answers =
            store.registry().resolve(asked).entries().stream()
                .map(e -> e.answer().orElse("-"))
                .toList();
        assertThat(answers).doesNotContain("-").isEqualTo(truth(db, asked));
      }
      CacheStats down = store.cache().stats();
      assertThat(down.redisErrors()).isPositive();
      assertThat(down.redisHits()).isPositive();
      redis.startServer();
      long hitsBefore = store.cache().stats().redisHits();
      sleepPastBackoff();
      // Back: new entries are written to it again and read from it.
      store.registry().register(qids(5001, 5101), Optional.empty());
      store.cache().clearLocal();
      store.registry().resolve(qids(5001, 5101));
      assertThat(store.cache().stats().redisHits()).isEqualTo(hitsBefore + 100);
    }
    RegistryInvariants.check(db);
  }

  @Test
  void aHungRedisCostsAtMostItsTimeoutNeverAnAnswer() {
    TestDatabase db = TestDatabases.h2();
    try (RedisServers.PrivateRedis redis = RedisServers.start();
        IdStore store = open(db, Optional.of(redis.uri()), null)) {
      List<String> ids = qids(1, 201);
      store.registry().register(ids, Optional.empty());
      List<String> expected = truth(db, ids);
      redis.freeze();
      try {
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
          store.cache().clearLocal();
          assertThat(
                  store.registry().resolve(ids).entries().stream()
                      .map(e -> e.answer().orElse("-"))
                      .toList())
              .isEqualTo(expected);
        }
        // One read timed out (500 ms); then the tier was left alone instead of waiting each time.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        assertThat(store.cache().stats().redisErrors()).isPositive();
      } finally {
        redis.thaw();
      }
    }
  }

  @Test
  void aFullRedisCostsSpeedNeverAnAnswer() {
    TestDatabase db = TestDatabases.h2();
    try (RedisServers.PrivateRedis redis =
            RedisServers.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction");
        IdStore store = open(db, Optional.of(redis.uri()), null)) {
      List<String> all = new ArrayList<>();
      for (int round = 0; round < 10; round++) {
        List<String> batch = qids(round * 3000 + 1, round * 3000 + 3001);
        store.registry().register(batch, Optional.empty());
        all.addAll(batch);
      }
      assertThat(store.cache().stats().redisErrors()).isPositive();
      store.cache().clearLocal();
      List<String> answers =
          store.registry().resolve(all).entries().stream()
              .map(e -> e.answer().orElse("-"))
              .toList();
      assertThat(answers).doesNotContain("-").isEqualTo(truth(db, all));
    }
  }

  private static void sleepPastBackoff() {
    try {
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
