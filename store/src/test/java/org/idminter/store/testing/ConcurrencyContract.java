package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.schema.SchemaState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The defects adversarial testing found in the store, kept fixed on every database: CSV rows of the
 * wrong width, blank key parts, concurrent first migrations, concurrent pool top-ups. After every
 * test the SQL invariants are checked.
 */
public abstract class ConcurrencyContract {
  protected abstract TestDatabase database();

  private IdStore store;

  @BeforeEach
  void reset() {
    database().reset();
  }

  @AfterEach
  void closeAndCheckInvariants() {
    if (store != null) {
      store.close();
    }
    InvariantChecker.check(database());
  }

  private IdStore open() {
    store = IdStore.builder(database().config(), new Random(7)).open();
    return store;
  }

  private long count(String sql) throws Exception {
    try (Connection c = database().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void concurrentTopUpsInsertTheShortfallOnce() throws Exception {
    store = IdStore.builder(database().config(new PoolPolicy(false, 0, 1)), new Random(3)).open();
    int workers = 8;
    CyclicBarrier start = new CyclicBarrier(workers);
    ExecutorService threads = Executors.newFixedThreadPool(workers);
    List<Future<Long>> results = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      results.add(
          threads.submit(
              () -> {
                start.await(1, TimeUnit.MINUTES);
                return store.pool().refill(10_000);
              }));
    }
    threads.shutdown();
    for (Future<Long> f : results) {
      assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(10_000);
    }
    assertThat(store.pool().status().free()).isEqualTo(10_000);
  }

  @Test
  void concurrentFirstStartsWithApplyMigrationsAllSucceed() throws Exception {
    StoreConfig config = database().config();
    for (int round = 0; round < 3; round++) {
      database().reset();
      int workers = 4;
      CyclicBarrier start = new CyclicBarrier(workers);
      ExecutorService threads = Executors.newFixedThreadPool(workers);
      List<Future<SchemaState>> results = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int seed = w;
        results.add(
            threads.submit(
                () -> {
                  start.await(1, TimeUnit.MINUTES);
                  try (IdStore s = IdStore.builder(config, new Random(seed)).open()) {
                    s.minter()
                        .mint(
                            List.of(
                                new org.idminter.core.MintRequest(
                                    org.idminter.core.SourceIdentifier.parse(
                                        "Work[s/round-" + seed + "]"),
                                    java.util.Optional.empty())));
                    return s.schemaState();
                  }
                }));
      }
      threads.shutdown();
      for (Future<SchemaState> f : results) {
        assertThat(f.get(3, TimeUnit.MINUTES).isCurrent()).isTrue();
      }
      assertThat(count("SELECT COUNT(*) FROM identifiers")).isEqualTo(workers);
    }
  }
}
