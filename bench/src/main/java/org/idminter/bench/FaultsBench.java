package org.idminter.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.idminter.core.Minter;
import org.idminter.store.IdStore;
import org.idminter.store.testing.GaleraCluster;
import org.idminter.store.testing.History;
import org.idminter.store.testing.HistoryChecker;
import org.idminter.store.testing.HistoryRun;
import org.idminter.store.testing.TestDatabase;

/**
 * {@code bench/run --parts faults}: a long history on a three-node Galera cluster. Eight workers,
 * each through a failover URL starting at its own node, mint overlapping keys with predecessors
 * while one node after another is killed with SIGKILL and started again; then the history checker
 * and the row-for-row comparison of the nodes. A correctness check, not a measurement: any
 * violation makes the run exit 1.
 */
final class FaultsBench {
  private static final int WORKERS = 8;

  private FaultsBench() {}

  static Map<String, Object> run(long ops, int everySeconds) throws Exception {
    GaleraCluster cluster = GaleraCluster.shared();
    String name = cluster.createDatabase("faults");
    List<IdStore> stores = new ArrayList<>();
    List<Minter> minters = new ArrayList<>();
    try {
      for (int node = 1; node <= 3; node++) {
        IdStore store =
            IdStore.builder(cluster.failoverDatabase(name, node).config(), new Random(node)).open();
        stores.add(store);
        minters.add(store.minter());
      }
      List<String> kills = new ArrayList<>();
      long started = System.nanoTime();
      long perWorker = (ops + WORKERS - 1) / WORKERS;
      History history =
          HistoryRun.run(
              minters,
              WORKERS,
              perWorker,
              2,
              200_000,
              18,
              h -> {
                for (int round = 0; h.size() < perWorker * WORKERS; round++) {
                  long until = System.nanoTime() + everySeconds * 1_000_000_000L;
                  while (h.size() < perWorker * WORKERS && System.nanoTime() < until) {
                    Thread.sleep(100);
                  }
                  if (h.size() >= perWorker * WORKERS) {
                    break;
                  }
                  int node = round % 3 + 1;
                  long at = h.size();
                  cluster.kill(node);
                  Thread.sleep(2_000);
                  cluster.restart(node);
                  kills.add("node " + node + " at call " + at);
                  System.err.println(
                      "faults: killed and restarted node " + node + " at call " + at);
                }
              });
      double seconds = (System.nanoTime() - started) / 1e9;
      TestDatabase reader = cluster.database(name, 1);
      HistoryChecker.Report report =
          HistoryChecker.check(
              history,
              new TestDatabase(
                  reader.kind(),
                  reader.url() + "&sessionVariables=wsrep_sync_wait=1",
                  reader.user(),
                  reader.password()));
      List<String> anomalies = new ArrayList<>(report.violations());
      anomalies.addAll(cluster.divergence(name));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("calls", history.size());
      out.put("ok", report.ok());
      out.put("failed", report.failed());
      out.put("unknown", report.unknown());
      out.put("unknown_all_keys_stored", report.unknownTookEffect());
      out.put("keys_checked", report.keysChecked());
      out.put("kills", kills);
      out.put("seconds", Math.round(seconds));
      out.put("calls_per_s", Math.round(history.size() / seconds));
      out.put("anomalies", anomalies);
      return out;
    } finally {
      stores.forEach(IdStore::close);
    }
  }

  static String table(Map<String, Object> r) {
    return String.format(
        "| calls | ok | failed | unknown | keys checked | node kills | seconds | calls/s | anomalies"
            + " |%n|---|---|---|---|---|---|---|---|---|%n| %s | %s | %s | %s | %s | %d | %s | %s |"
            + " %s |%n",
        r.get("calls"),
        r.get("ok"),
        r.get("failed"),
        r.get("unknown"),
        r.get("keys_checked"),
        ((List<?>) r.get("kills")).size(),
        r.get("seconds"),
        r.get("calls_per_s"),
        ((List<?>) r.get("anomalies")).isEmpty() ? "none" : r.get("anomalies"));
  }
}
