package org.idminter.migrate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.idminter.store.testing.StatementHooks.countingOnly;
import static org.idminter.store.testing.StatementHooks.crashingAt;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.testing.StatementHooks.SimulatedCrash;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every migration on the engine must prove, on every database (a subclass per migration kind
 * supplies the source, the dry run, apply, a snapshot and the conservation check; a subclass of
 * that per database supplies the database): the dry run writes nothing; apply conserves every
 * source row; a second apply changes nothing; apply stopped at any statement and run again (by a
 * new process, after the dead one's lease expired) ends exactly like an uninterrupted run; and one
 * migrator runs at a time until a dead one's lease expires.
 */
public abstract class MigrationContract<S extends AutoCloseable> {
  /** The lease's time to live in every run of the contract. */
  protected static final Duration TTL = Duration.ofMinutes(2);

  /** The time of the first run; later runs are after it. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<S> opened = new ArrayList<>();

  protected abstract TestDatabase database();

  /** Writes the source the migration starts from into the reset database. */
  protected abstract void seed();

  /**
   * Runs the dry run (its result is the subclass's to check; the contract checks it wrote nothing).
   */
  protected abstract void dryRun(S store);

  /** Runs apply as one process would at {@code now}; returns its outcome word. */
  protected abstract String apply(S store, Instant now);

  /** The outcome words of a run that did the work and of one that found it done already. */
  protected abstract List<String> doneOutcomes();

  /** Every row of every table, as text, leaving out what names a run (owner, heartbeat, run id). */
  protected abstract String snapshot();

  /** Fails unless every source row is where the migration promised (migrated, or listed). */
  protected abstract void assertConserved(S store);

  /**
   * Puts the database back to before {@link #seed} (by default: drops idminter's tables); a
   * migration whose seed needs idminter's schema may empty it instead of building it again.
   */
  protected void reset() {
    database().reset();
  }

  /**
   * The crash test stops a run at the first and last statements and at every stride-th from a
   * random offset: 2 (every other statement, on the embedded databases) unless a database's suite
   * names a wider one, with {@code -Didminter.crash.stride=1} (what {@code
   * bench/crash-every-statement} passes) to stop at every one.
   */
  protected int crashStride() {
    return strideProperty(2);
  }

  /**
   * Where the crash test stops a run of {@code statements} statements: the first and the last, and
   * every {@link #crashStride()}-th from an offset drawn anew each run (so that runs together stop
   * at every statement), printed, and fixed with {@code -Didminter.crash.offset=N} to repeat a run.
   */
  private List<Integer> crashPoints(int statements) {
    int stride = Math.max(1, crashStride());
    int offset =
        Integer.getInteger(
            "idminter.crash.offset",
            java.util.concurrent.ThreadLocalRandom.current().nextInt(stride));
    System.out.printf(
        "%s: stopping at every %d of %d statements from offset %d"
            + " (-Didminter.crash.offset=%d repeats it)%n",
        getClass().getSimpleName(), stride, statements, offset, offset);
    java.util.TreeSet<Integer> points = new java.util.TreeSet<>(List.of(1, statements));
    for (int k = 1 + offset % stride; k <= statements; k += stride) {
      points.add(k);
    }
    return new ArrayList<>(points);
  }

  /** A stride for slow databases: {@code fallback}, unless the system property names one. */
  protected static int strideProperty(int fallback) {
    return Integer.getInteger("idminter.crash.stride", fallback);
  }

  @BeforeEach
  void resetDatabase() {
    reset();
  }

  @AfterEach
  void closeStores() throws Exception {
    for (S s : opened) {
      s.close();
    }
    opened.clear();
  }

  /** A new connection to the contract's database, each passing through {@code decorator}. */
  protected abstract S connect(UnaryOperator<Connection> decorator);

  /** {@link #connect}, closed after the test. */
  protected S open(UnaryOperator<Connection> decorator) {
    S store = connect(decorator);
    opened.add(store);
    return store;
  }

  /** An idminter store on the contract's database, for migrations that run on one. */
  protected static IdStore openStore(TestDatabase database, UnaryOperator<Connection> decorator) {
    var c = database.config();
    return IdStore.builder(
            new StoreConfig(
                c.jdbcUrl(), c.user(), c.password(), false, new PoolPolicy(false, 0, 1), 8),
            new Random(3))
        .connectionDecorator(decorator)
        .open();
  }

  protected S open() {
    return open(UnaryOperator.identity());
  }

  @Test
  void theDryRunWritesNothing() {
    seed();
    String before = snapshot();
    dryRun(open());
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void applyConservesEveryRowAndASecondApplyChangesNothing() {
    seed();
    assertThat(apply(open(), T0)).isEqualTo(doneOutcomes().get(0));
    assertConserved(open());
    String after = snapshot();
    assertThat(apply(open(), T0.plusSeconds(1))).isEqualTo(doneOutcomes().get(1));
    assertThat(snapshot()).isEqualTo(after);
  }

  @Test
  void applyStoppedAtAnyStatementThenRunAgainEndsExactlyLikeAnUninterruptedRun() throws Exception {
    seed();
    apply(open(), T0);
    String reference = snapshot();
    reset();
    seed();
    AtomicInteger counted = new AtomicInteger();
    apply(open(countingOnly(counted)), T0);
    int statements = counted.get();
    assertThat(statements).isGreaterThan(10);

    for (int k : crashPoints(statements)) {
      reset();
      seed();
      int crashAt = k;
      S crashing = open(crashingAt(crashAt, new AtomicInteger()));
      assertThatThrownBy(() -> apply(crashing, T0))
          .as("crash at statement %d", k)
          .isInstanceOf(SimulatedCrash.class);
      crashing.close();
      // A new process, after the crashed one's lease has expired.
      S next = open();
      String resumed = apply(next, T0.plus(TTL).plusSeconds(1));
      next.close();
      assertThat(resumed).as("after a crash at statement %d", k).isIn(doneOutcomes());
      assertThat(snapshot())
          .as("final state after a crash at statement %d of %d", k, statements)
          .isEqualTo(reference);
    }
    assertConserved(open());
  }

  @Test
  void oneMigratorAtATimeAndADeadMigratorsLeaseExpires() {
    seed();
    AtomicInteger counted = new AtomicInteger();
    apply(open(countingOnly(counted)), T0);
    reset();
    seed();
    // Stop a run halfway through its statements: it holds the lease and renews it no more.
    S crashing = open(crashingAt(counted.get() / 2, new AtomicInteger()));
    assertThatThrownBy(() -> apply(crashing, T0)).isInstanceOf(SimulatedCrash.class);
    assertThatThrownBy(() -> apply(open(), T0.plusSeconds(30)))
        .hasMessageContaining("another migration holds the lock")
        .hasMessageContaining("last seen 30 s ago");
    assertThat(apply(open(), T0.plus(TTL).plusSeconds(1))).isEqualTo(doneOutcomes().get(0));
    assertConserved(open());
  }
}
