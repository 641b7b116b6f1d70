package org.idminter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.idminter.store.pool.IdSource;
import org.idminter.store.testing.StatementCounter;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark workloads' statement and INSERT counts, which are deterministic, asserted on every
 * database the suite runs (timings are measured by bench/run and never asserted). Per 500-work mint
 * call: the key space's shared lock (one primary-key read), one lookup per (type, system) IN-list
 * chunk of at most 1,000 keys, then for new keys either the new IDs' INSERT ({@code claim}, the
 * default) or the pool claim (one candidate read, a second when the walk wraps round the ID space,
 * one locking read per 1,000 IDs) and later one UPDATE marking IDs assigned ({@code pool}); one
 * INSERT of the mappings; one INSERT of inheritance records when there are any. No verify read: the
 * insert proved every row new.
 */
class WorkloadStatementsIT {
  private static List<TestDatabase> databases;

  /** One database of each kind for the whole class (each is reset before every workload). */
  static synchronized Stream<TestDatabase> databases() {
    if (databases == null) {
      databases =
          List.of(
              TestDatabases.h2(),
              TestDatabases.mariaDb("bench_it"),
              TestDatabases.postgres("bench_it"));
    }
    return databases.stream();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void allNew(TestDatabase db) {
    // 2 calls × (lock; lookups: Work 500 → 1, Item 2,500 → 3; the IDs' insert; the mappings')
    StatementCounter c = count(db, Workload.allNew(1000, 5));
    assertThat(c.statements()).isEqualTo(14);
    assertThat(c.inserts()).isEqualTo(4);
    // from the pool: 2 × (lock; lookups 4; claim 1–2 + 3; insert; update)
    StatementCounter p = count(db, Workload.allNew(1000, 5).from(IdSource.POOL));
    assertThat(p.statements()).isBetween(22L, 24L);
    assertThat(p.inserts()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void allExisting(TestDatabase db) {
    StatementCounter c = count(db, Workload.allExisting(1000, 5));
    assertThat(c.statements()).isEqualTo(10); // the lock and lookups only
    assertThat(c.inserts()).isZero();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void mixed(TestDatabase db) {
    // 2 calls × (lock; lookups: Work 500 + predecessors 50 + Item 2,500 → 5; the IDs' insert; the
    // mappings'; inheritance insert)
    StatementCounter c = count(db, Workload.mixed(1000, 5));
    assertThat(c.statements()).isEqualTo(18);
    assertThat(c.inserts()).isEqualTo(6);
    // from the pool: 2 × (lock; lookups 5; claim 1–2 + 2 for 1,800 new IDs; insert; update;
    // inheritance insert)
    StatementCounter p = count(db, Workload.mixed(1000, 5).from(IdSource.POOL));
    assertThat(p.statements()).isBetween(24L, 26L);
    assertThat(p.inserts()).isEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void largeFanout(TestDatabase db) {
    // 1 call: lock; lookups Work 200 → 1, Item 10,000 → 10; the IDs' insert; the mappings'
    StatementCounter c = count(db, Workload.largeFanout(200, 51));
    assertThat(c.statements()).isEqualTo(14);
    assertThat(c.inserts()).isEqualTo(2);
    // from the pool: lock; lookups 11; claim 1–2 + 11; insert; update
    StatementCounter p = count(db, Workload.largeFanout(200, 51).from(IdSource.POOL));
    assertThat(p.statements()).isBetween(26L, 27L);
    assertThat(p.inserts()).isEqualTo(1);
  }

  private static StatementCounter count(TestDatabase db, Workload w) {
    StatementCounter counter = new StatementCounter();
    WorkloadBench.runOnce(db, w, counter);
    return counter;
  }
}
