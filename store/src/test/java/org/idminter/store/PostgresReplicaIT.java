package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.idminter.core.CanonicalId;
import org.idminter.core.LookupResult;
import org.idminter.core.MintRequest;
import org.idminter.core.OntologyTypes;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.merge.IdState;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.testing.PostgresProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store with a read replica (a PostgreSQL streaming replica the test makes with pg_basebackup,
 * its replay paused to stand for lag): lookups and resolution read the replica first, a key or ID
 * the replica lacks is read again from the primary, and minting never touches the replica.
 */
class PostgresReplicaIT {
  private static PostgresProcess primary;
  private static PostgresProcess replica;
  private static final String NAME = "replica_test";

  /** Connection checkouts per server, by JDBC URL. */
  private final Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();

  @BeforeAll
  static void startPrimaryAndReplica() {
    primary = PostgresProcess.start("idminter-pg-primary");
    primary.query("postgres", "SELECT 1");
    try (var c = java.sql.DriverManager.getConnection(primary.url("postgres"), "postgres", "");
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + NAME);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    replica = PostgresProcess.replicaOf(primary, "idminter-pg-replica");
  }

  @AfterAll
  static void stop() {
    if (replica != null) {
      replica.stop();
    }
    if (primary != null) {
      primary.stop();
    }
  }

  private IdStore open(boolean withReplica) {
    StoreConfig config =
        new StoreConfig(
            primary.url(NAME),
            Optional.of("postgres"),
            Optional.empty(),
            true,
            PoolPolicy.DEFAULT,
            4,
            OntologyTypes.standard(),
            RegistrySettings.DEFAULT,
            withReplica ? Optional.of(replica.url(NAME)) : Optional.empty());
    return IdStore.builder(config, new Random(4))
        .connectionDecorator(
            c -> {
              try {
                uses.computeIfAbsent(c.getMetaData().getURL(), u -> new AtomicInteger())
                    .incrementAndGet();
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
              }
              return c;
            })
        .open();
  }

  private int usesOf(PostgresProcess server) {
    return uses.entrySet().stream()
        .filter(e -> e.getKey().startsWith(server.url(NAME)))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  @Test
  void lookupsReadTheReplicaAndTheLagNeverReportsAMintedKeyMissing() throws Exception {
    SourceIdentifier before = new SourceIdentifier("Work", "replica", "before");
    SourceIdentifier after = new SourceIdentifier("Work", "replica", "after");
    SourceIdentifier never = new SourceIdentifier("Work", "replica", "never");
    CanonicalId beforeId;
    try (IdStore plain = open(false)) {
      beforeId = plain.minter().mint(List.of(MintRequest.of(before))).get(before);
    }
    awaitReplay();
    replica.query(NAME, "SELECT pg_wal_replay_pause()");
    try (IdStore store = open(true)) {
      uses.clear();
      // Minting goes to the primary (the replica would refuse the write).
      CanonicalId afterId = store.minter().mint(List.of(MintRequest.of(after))).get(after);
      assertThat(usesOf(replica)).isZero();
      assertThat(replica.query(NAME, "SELECT count(*) FROM identifiers")).isEqualTo("1");

      uses.clear();
      LookupResult found = store.minter().lookup(List.of(before));
      assertThat(found.found()).containsEntry(before, beforeId);
      assertThat(usesOf(replica)).isEqualTo(1);
      assertThat(usesOf(primary)).isZero();

      uses.clear();
      LookupResult lagging = store.minter().lookup(List.of(before, after, never));
      assertThat(lagging.found()).containsEntry(before, beforeId).containsEntry(after, afterId);
      assertThat(lagging.missing()).containsExactly(never);
      assertThat(usesOf(replica)).isEqualTo(1);
      assertThat(usesOf(primary)).isEqualTo(1);

      List<IdState> states = store.merges().resolve(List.of(beforeId, afterId));
      assertThat(states).extracting(IdState::state).containsExactly("active", "active");
      assertThat(states.get(1).keys()).containsExactly(after);
    } finally {
      replica.query(NAME, "SELECT pg_wal_replay_resume()");
    }
  }

  /** Waits until the replica has replayed everything the primary has written. */
  private static void awaitReplay() throws InterruptedException {
    String target = primary.query("postgres", "SELECT pg_current_wal_lsn()");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"yes"
        .equals(
            replica.query(
                "postgres",
                "SELECT CASE WHEN pg_last_wal_replay_lsn() >= '"
                    + target
                    + "'::pg_lsn THEN 'yes' ELSE 'no' END"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the replica did not catch up within 30 s");
      }
      Thread.sleep(50);
    }
  }
}
