package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.testing.ConcurrentMinting;
import org.idminter.store.testing.GaleraCluster;
import org.idminter.store.testing.History;
import org.idminter.store.testing.HistoryChecker;
import org.idminter.store.testing.HistoryRun;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.MinterContract;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A three-node Galera cluster: the minting engine's contract connected to node 1, and minting
 * through all three nodes at once, after which the cluster is whole (every node Primary and
 * Synced), the nodes agree row for row, and the store's invariants hold on each. One class, so one
 * test JVM starts one cluster.
 */
class GaleraIT extends MinterContract {
  private static final GaleraCluster CLUSTER = GaleraCluster.shared();
  private static final TestDatabase CONTRACT =
      CLUSTER.database(CLUSTER.createDatabase("contract"), 1);

  private final List<IdStore> stores = new ArrayList<>();
  private String name;

  @Override
  protected TestDatabase database() {
    return CONTRACT;
  }

  @BeforeEach
  void freshClusterDatabase() {
    name = CLUSTER.createDatabase("galera");
  }

  @AfterEach
  void closeClusterStores() {
    stores.forEach(IdStore::close);
  }

  /** A store connected to {@code node}; waits for the cluster's writes before each read. */
  private IdStore openOn(int node) {
    IdStore store = IdStore.builder(node(node).config(), new Random(node)).open();
    stores.add(store);
    return store;
  }

  private TestDatabase node(int node) {
    TestDatabase db = CLUSTER.database(name, node);
    return new TestDatabase(
        db.kind(), db.url() + "&sessionVariables=wsrep_sync_wait=1", db.user(), db.password());
  }

  /**
   * The scenario that broke the cluster (issue 18): six calls of 2,000 keys each (1,000 shared by
   * all, 1,000 of their own), two through each node. A plain INSERT that met a key another node had
   * just committed failed part-way; idminter went on in the same transaction, and Galera replicated
   * the rows the failed statement had written, which every other node refused. Three rounds, as the
   * collision does not come every time.
   */
  @Test
  void sixLargeOverlappingCallsTwoPerNodeKeepTheClusterWhole() throws Exception {
    openOn(1).pool().topUp(50_000, ProgressListener.NONE);
    List<Minter> minters = new ArrayList<>();
    for (int p = 0; p < 6; p++) {
      minters.add(openOn(p % 3 + 1).minter());
    }
    for (int round = 1; round <= 3; round++) {
      Map<SourceIdentifier, CanonicalId> shared = new ConcurrentHashMap<>();
      List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> calls = new ArrayList<>();
      for (int p = 0; p < 6; p++) {
        List<MintRequest> requests = new ArrayList<>();
        for (int i = 1000; i < 2000; i++) {
          requests.add(MintRequest.of(new SourceIdentifier("Work", "gald", "shared-" + round + i)));
          requests.add(
              MintRequest.of(new SourceIdentifier("Work", "gald", "own-" + p + "-" + round + i)));
        }
        Collections.shuffle(requests, new Random(p * 31L + round));
        Minter minter = minters.get(p);
        calls.add(
            pool.submit(
                () ->
                    minter
                        .mint(requests)
                        .forEach(
                            (k, id) -> {
                              CanonicalId earlier = shared.putIfAbsent(k, id);
                              if (earlier != null && !earlier.equals(id)) {
                                disagreements.add(k + ": " + earlier + " vs " + id);
                              }
                            })));
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
      for (Future<?> call : calls) {
        call.get(); // a failed call fails the test with its cause
      }
      assertThat(disagreements).isEmpty();
      assertThat(shared).hasSize(1_000 + 6 * 1_000);
      assertWhole();
    }
  }

  /** Eight workers over the three nodes: overlapping keys, predecessors and chains. */
  @Test
  void eightWorkersOverThreeNodesAgreeOnEveryKey() throws Exception {
    List<Minter> minters = new ArrayList<>();
    for (int node = 1; node <= 3; node++) {
      minters.add(openOn(node).minter());
    }
    List<Minter> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      workers.add(minters.get(w % 3));
    }
    ConcurrentMinting.Result result = ConcurrentMinting.run(workers, 25, 40, new Random(18));
    assertThat(result.failures()).isEmpty();
    assertThat(result.disagreements()).isEmpty();
    assertThat(result.calls()).isEqualTo(8 * 25);
    assertWhole();
  }

  /**
   * Node loss: eight workers, each through a failover URL that starts at its own node, mint
   * overlapping keys while node 3 is killed with SIGKILL and started again. Its clients move to the
   * other nodes; it rejoins; the run finishes; the history checker finds every acknowledged mapping
   * in place, and the cluster is whole.
   */
  @Test
  void aNodeKilledMidRunRejoinsAndNothingAcknowledgedIsLost() throws Exception {
    List<Minter> minters = new ArrayList<>();
    for (int node = 1; node <= 3; node++) {
      IdStore store =
          IdStore.builder(CLUSTER.failoverDatabase(name, node).config(), new Random(node)).open();
      stores.add(store);
      minters.add(store.minter());
    }
    int calls = 8 * 40;
    History history =
        HistoryRun.run(
            minters,
            8,
            40,
            20,
            400,
            1800,
            h -> {
              HistoryRun.awaitCalls(h, calls / 4);
              CLUSTER.kill(3);
              HistoryRun.awaitCalls(h, calls / 2);
              CLUSTER.restart(3);
            });
    HistoryChecker.Report report = HistoryChecker.check(history, node(1));
    System.out.println("Galera node loss: " + report);
    assertThat(report.violations()).isEmpty();
    assertThat(report.ok() + report.unknown() + report.failed()).isEqualTo(calls);
    assertThat(report.failed()).isZero();
    assertThat(report.ok()).isGreaterThan(calls * 3L / 4);
    assertWhole();
  }

  /** Every node Primary and Synced, the nodes' tables equal row for row, the invariants on each. */
  private void assertWhole() {
    assertThat(CLUSTER.divergence(name)).as("node 1's log:\n%s", CLUSTER.logTail(1)).isEmpty();
    for (int n = 1; n <= 3; n++) {
      InvariantChecker.check(node(n));
    }
  }
}
