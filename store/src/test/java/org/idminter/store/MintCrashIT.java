package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.pool.PoolStatus;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.StatementHooks;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * idminter stopped after statement k of a mint call, for every k, then the same call made again:
 * the stopped call leaves nothing (not a mapping, not an ID taken from the pool), and the call made
 * again ends as an uninterrupted one does. The stop is the migrations' crash hook: statement k and
 * every later one fail, and no clean-up runs but the rollback the server does for a connection
 * whose client died.
 */
class MintCrashIT {
  private static final SourceIdentifier EXISTING = key("existing");
  private static final SourceIdentifier PREDECESSOR = key("predecessor");
  private static final List<MintRequest> CALL =
      List.of(
          MintRequest.of(EXISTING),
          MintRequest.of(key("new-1")),
          MintRequest.inheriting(key("new-2"), PREDECESSOR),
          MintRequest.of(key("new-root")),
          MintRequest.inheriting(key("new-3"), key("new-root")));

  /**
   * Each database with each source of new IDs (inserted at mint time, and the pool). Both stores of
   * a round draw from the same seed, and the first filled the pool: inserted at mint time, the
   * call's first IDs are the pool's own, so its first attempt fails on the primary key and the
   * stops also fall inside that attempt, its rollback and the attempt after it.
   */
  static Stream<Arguments> databases() {
    return Stream.of(
            TestDatabases.h2(),
            TestDatabases.mariaDb("mintcrash"),
            TestDatabases.postgres("mintcrash"))
        .flatMap(db -> Stream.of(IdSource.CLAIM, IdSource.POOL).map(s -> Arguments.of(db, s)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("databases")
  void aMintStoppedAtEveryStatementLeavesNothingAndRunsAgainToTheSameEnd(
      TestDatabase db, IdSource source) {
    int stops = 0;
    String version = null;
    for (int k = 1; ; k++) {
      if (version == null || !db.emptyAt(version)) {
        db.reset();
      }
      try (IdStore plain =
          IdStore.builder(db.config(PoolPolicy.DEFAULT.with(source)), new Random(k)).open()) {
        version = plain.schemaState().currentVersion();
        plain.pool().topUp(1_100, ProgressListener.NONE);
        Map<SourceIdentifier, CanonicalId> before =
            plain.minter().mint(List.of(MintRequest.of(EXISTING), MintRequest.of(PREDECESSOR)));
        PoolStatus poolBefore = plain.pool().status();
        AtomicBoolean armed = new AtomicBoolean();
        try (IdStore stopping =
            IdStore.builder(db.config(PoolPolicy.DEFAULT.with(source)), new Random(k))
                .connectionDecorator(StatementHooks.crashingAt(k, new AtomicInteger(), armed::get))
                .open()) {
          armed.set(true);
          stopping.minter().mint(CALL);
          armed.set(false);
          assertThat(stops).as("stops before the call ran through").isGreaterThan(3);
          System.out.println(
              db.kind()
                  + " ("
                  + source.setting()
                  + " IDs): a mint stopped at each of its "
                  + stops
                  + " statements");
          return; // k is past the call's last statement: every earlier stop was tried
        } catch (StatementHooks.SimulatedCrash expected) {
          stops++;
        }
        // A stop before the commit leaves nothing; a stop after it (the pool check that follows
        // a mint) leaves the whole call, as a process killed before it could answer would.
        boolean committed = mappings(db) == 6;
        if (!committed) {
          assertThat(plain.pool().status()).as("pool after a stop at %d", k).isEqualTo(poolBefore);
          assertThat(mappings(db)).as("mappings after a stop at %d", k).isEqualTo(2);
        }
        Map<SourceIdentifier, CanonicalId> stored =
            plain.minter().lookup(CALL.stream().map(MintRequest::key).toList()).found();

        Map<SourceIdentifier, CanonicalId> again = plain.minter().mint(CALL);
        if (committed) {
          assertThat(again).as("the call made again after a stop at %d", k).isEqualTo(stored);
        }
        assertThat(again.get(EXISTING)).isEqualTo(before.get(EXISTING));
        assertThat(again.get(key("new-2"))).isEqualTo(before.get(PREDECESSOR));
        assertThat(again.get(key("new-3"))).isEqualTo(again.get(key("new-root")));
        assertThat(Stream.of("new-1", "new-root").map(n -> again.get(key(n))))
            .doesNotContainNull()
            .doesNotHaveDuplicates()
            .doesNotContainAnyElementsOf(before.values());
        PoolStatus after = plain.pool().status();
        assertThat(after.free()).isEqualTo(poolBefore.free() - (source == IdSource.POOL ? 2 : 0));
        assertThat(after.assigned()).isEqualTo(poolBefore.assigned() + 2);
        assertThat(mappings(db)).isEqualTo(6);
      }
      InvariantChecker.check(db);
    }
  }

  private static long mappings(TestDatabase db) {
    try (var c = db.connect();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM identifiers")) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static SourceIdentifier key(String id) {
    return new SourceIdentifier("Work", "crash", id);
  }
}
