package org.idminter.store.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.PoolPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every store contract starts from: a reset database of one kind (named by the subclass), a
 * store opened on it with statements counted, helpers for keys and counts, and the SQL invariants
 * checked after every test.
 */
public abstract class StoreFixture {
  protected static final PoolPolicy NO_AUTO_TOP_UP = new PoolPolicy(false, 0, 1);

  protected abstract TestDatabase database();

  protected IdStore store;
  protected Minter minter;
  protected final StatementCounter counter = new StatementCounter();

  /** The schema version each database was migrated to by an earlier test of this run. */
  private static final java.util.Map<String, String> MIGRATED =
      new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void openStore() {
    String version = MIGRATED.get(database().url());
    if (version == null || !database().emptyAt(version)) {
      database().reset();
    }
    store = open(PoolPolicy.DEFAULT, () -> {});
    minter = store.minter();
    if (store.schemaState().isCurrent()) {
      MIGRATED.put(database().url(), store.schemaState().currentVersion());
    }
  }

  @AfterEach
  void closeAndCheckInvariants() {
    if (store != null) {
      store.close();
    }
    InvariantChecker.check(database());
  }

  /**
   * Where this class's stores take new IDs when a test's policy does not say: the database's
   * default unless a contract pins one.
   */
  protected IdSource idSource() {
    return IdSource.DEFAULT;
  }

  /** The random source every store of a test draws its IDs from: seeded, so tests can predict. */
  protected static final long SEED = 42;

  protected IdStore open(PoolPolicy policy, Runnable afterLookup) {
    PoolPolicy p = policy.idSource() == IdSource.DEFAULT ? policy.with(idSource()) : policy;
    return IdStore.builder(database().config(p), new Random(SEED))
        .connectionDecorator(counter.decorator())
        .afterLookupHook(afterLookup)
        .open();
  }

  /**
   * A hook that, the first time it runs, commits a competing mapping KEY -> zzzzzzzz on another
   * connection.
   */
  protected Runnable competingWriterOnce(
      AtomicBoolean fired, String type, String system, String value) {
    return () -> {
      if (fired.compareAndSet(false, true)) {
        database()
            .execute(
                "INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('zzzzzzzz', 'assigned')",
                "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES ('"
                    + type
                    + "', '"
                    + system
                    + "', '"
                    + value
                    + "', 'zzzzzzzz')");
      }
    };
  }

  protected static SourceIdentifier key(String text) {
    return SourceIdentifier.parse(text);
  }

  protected static MintRequest req(String key) {
    return MintRequest.of(key(key));
  }

  protected static MintRequest req(String key, String predecessor) {
    return MintRequest.inheriting(key(key), key(predecessor));
  }

  protected CanonicalId mintOne(String k) {
    return minter.mint(List.of(req(k))).get(key(k));
  }

  protected long count(String sql) {
    try (Connection c = database().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  /** A store whose connections pass through {@code decorator}, without retries. */
  protected IdStore openWith(java.util.function.UnaryOperator<Connection> decorator) {
    return IdStore.builder(
            new org.idminter.store.StoreConfig(
                database().config().jdbcUrl(),
                database().config().user(),
                database().config().password(),
                false,
                NO_AUTO_TOP_UP,
                8),
            new Random(1))
        .retryPolicy(
            new org.idminter.store.jdbc.RetryPolicy(
                1, java.time.Duration.ZERO, java.time.Duration.ZERO))
        .connectionDecorator(decorator)
        .open();
  }

  /**
   * Runs {@code operation} on a fresh store stopped before its k-th statement, for k = 1, 1 +
   * stride, 1 + 2 × stride … until it runs whole; {@code afterStop} checks the database after each
   * stop. Returns a bound on the operation's statement count (exact with stride 1). The stride is 1
   * on H2 (each stop is cheap) and 3 to 5 on the servers, where one stop opens a store (about a
   * third of a second); {@code -Didminter.crash.stride=1} (bench/crash-every-statement) stops at
   * every statement everywhere.
   */
  protected int stopAtEachStatement(
      java.util.function.Consumer<IdStore> operation, java.util.function.IntConsumer afterStop) {
    int fallback =
        switch (database().kind()) {
          case "H2" -> 1;
          case "MySQL" -> 5;
          default -> 3;
        };
    int stride = Integer.getInteger("idminter.crash.stride", fallback);
    for (int k = 1; ; k += stride) {
      // Each stop is a new process: the store is opened first, then its statements are counted.
      AtomicBoolean armed = new AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger seen =
          new java.util.concurrent.atomic.AtomicInteger();
      int stopAt = k;
      try (IdStore crashing =
          openWith(
              StatementHooks.onEachStatement(
                  sql -> {
                    if (armed.get() && seen.incrementAndGet() >= stopAt) {
                      throw new StatementHooks.SimulatedCrash(stopAt);
                    }
                  }))) {
        armed.set(true);
        try {
          operation.accept(crashing);
        } catch (StatementHooks.SimulatedCrash expected) {
          afterStop.accept(k);
          continue;
        }
      }
      return k - 1;
    }
  }

  protected CanonicalId lookup(String k) {
    return minter.lookup(List.of(key(k))).found().get(key(k));
  }

  protected long free() {
    return count("SELECT COUNT(*) FROM canonical_ids WHERE Status = 'free'");
  }

  protected long mappings() {
    return count("SELECT COUNT(*) FROM identifiers");
  }
}
