package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.idminter.core.ProgressListener;
import org.idminter.store.testing.History;
import org.idminter.store.testing.HistoryChecker;
import org.idminter.store.testing.HistoryRun;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.MariaDbProcess;
import org.idminter.store.testing.PostgresProcess;
import org.idminter.store.testing.PrivateServer;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The database server killed with SIGKILL in the middle of a run and started again (a private
 * server the test starts, never the shared service): eight workers sharing one store go on without
 * idminter being restarted; calls in flight retry or end unknown; the history checker finds every
 * acknowledged mapping in place and the invariants hold.
 */
class ServerCrashIT {
  private static final int WORKERS = 8;
  private static final int CALLS = 40;

  @Test
  void mariaDbKilledMidRun() throws Exception {
    MariaDbProcess server = MariaDbProcess.startSingle("idminter-mariadb-crash");
    try {
      String name = "idminter_crash";
      try (var c = server.connect();
          var s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
      }
      TestDatabase db =
          new TestDatabase(
              "MariaDB",
              "jdbc:mariadb://127.0.0.1:" + server.port() + "/" + name + "?sslMode=disable",
              "root",
              "");
      runThroughACrash(db, server);
    } finally {
      server.stop();
    }
  }

  @Test
  void postgresKilledMidRun() throws Exception {
    PostgresProcess server = PostgresProcess.start("idminter-postgres-crash");
    try {
      String name = server.createDatabase("crash");
      TestDatabase db = new TestDatabase("PostgreSQL", server.url(name), "postgres", "");
      runThroughACrash(db, server);
    } finally {
      server.stop();
    }
  }

  private static void runThroughACrash(TestDatabase db, PrivateServer server) throws Exception {
    long[] killedAt = new long[2]; // when, and how many calls had ended by then
    try (IdStore store = IdStore.builder(db.config(), new Random(3)).open()) {
      store.pool().topUp(20_000, ProgressListener.NONE);
      History history =
          HistoryRun.run(
              List.of(store.minter()),
              WORKERS,
              CALLS,
              20,
              400,
              33,
              h -> {
                HistoryRun.awaitCalls(h, WORKERS * CALLS / 3);
                killedAt[0] = System.currentTimeMillis();
                killedAt[1] = h.size();
                server.kill();
                server.restart();
              });
      // The server the run ended on was started after the kill (its uptime, whole seconds that
      // the server rounds up, at most a second more than the time since), and calls went on
      // after it: the run went through a crash.
      assertThat(uptimeSeconds(db))
          .isLessThanOrEqualTo((System.currentTimeMillis() - killedAt[0]) / 1000 + 1);
      assertThat(killedAt[1]).isLessThan(WORKERS * CALLS);
      HistoryChecker.Report report = HistoryChecker.check(history, db);
      System.out.println(db.kind() + " killed mid-run: " + report);
      assertThat(report.violations()).isEmpty();
      assertThat(report.ok() + report.unknown() + report.failed()).isEqualTo(WORKERS * CALLS);
      assertThat(report.failed()).isZero();
      assertThat(report.ok()).isGreaterThan(WORKERS * CALLS / 2);
      // The pool recovered without a restart of idminter: a call after the crash succeeds.
      assertThat(
              store
                  .minter()
                  .mint(
                      List.of(
                          org.idminter.core.MintRequest.of(
                              new org.idminter.core.SourceIdentifier("Work", "after", "crash")))))
          .hasSize(1);
    }
    InvariantChecker.check(db);
  }

  private static long uptimeSeconds(TestDatabase db) throws Exception {
    String sql =
        db.kind().equals("PostgreSQL")
            ? "SELECT CAST(EXTRACT(EPOCH FROM now() - pg_postmaster_start_time()) AS BIGINT)"
            : "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'UPTIME'";
    try (var c = db.connect();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
