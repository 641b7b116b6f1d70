package org.idminter.store.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A three-node MariaDB Galera cluster on loopback ports, started from the Debian packages
 * mariadb-server and galera-4 (mariadbd, mariadb-install-db, libgalera_smm.so, rsync for state
 * transfer), once per test JVM and stopped when it exits. Node 1 bootstraps the cluster from a
 * fresh data directory; nodes 2 and 3 join it one after the other and receive its state by rsync.
 * As root the nodes run as the mysql user (the packages' own), otherwise as the user running the
 * tests. Missing packages fail the test, naming them: a cluster is never skipped.
 */
public final class GaleraCluster {
  private static final String[] PROVIDERS = {
    "/usr/lib/galera/libgalera_smm.so",
    "/usr/lib/libgalera_smm.so",
    "/usr/lib64/galera-4/libgalera_smm.so"
  };
  private static final int NODES = 3;
  private static GaleraCluster shared;

  private final Path base;
  private final String provider;
  private final int[] sqlPorts = new int[NODES];
  private final int[] groupPorts = new int[NODES];
  private final Process[] nodes = new Process[NODES];
  private final boolean asMysqlUser = "root".equals(System.getProperty("user.name"));

  private GaleraCluster(Path base, String provider) {
    this.base = base;
    this.provider = provider;
    for (int i = 0; i < NODES; i++) {
      sqlPorts[i] = TestDatabases.freePort();
      groupPorts[i] = TestDatabases.freePort();
    }
  }

  /** The cluster of this JVM, started on first use. */
  public static synchronized GaleraCluster shared() {
    if (shared == null) {
      String provider = providerLibrary();
      require("/usr/sbin/mariadbd", "mariadb-server");
      require("/usr/bin/mariadb-install-db", "mariadb-server");
      require("/usr/bin/rsync", "rsync");
      GaleraCluster cluster = new GaleraCluster(TestDatabases.tempDir("idminter-galera"), provider);
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopAll));
      cluster.start();
      shared = cluster;
    }
    return shared;
  }

  /** A fresh database created through node 1, as seen from node {@code node} (1 to 3). */
  public TestDatabase database(String name, int node) {
    return new TestDatabase(
        "MariaDB",
        "jdbc:mariadb://127.0.0.1:" + sqlPorts[node - 1] + "/" + name + "?sslMode=disable",
        "root",
        "");
  }

  /** Creates a database with a fresh name through node 1 and returns its name. */
  public String createDatabase(String suffix) {
    String name = TestDatabases.freshName(suffix);
    execute(1, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    return name;
  }

  /** Runs statements on node {@code node} outside any database. */
  public void execute(int node, String... sql) {
    try (Connection c = connect(node);
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("on Galera node " + node + ": " + e.getMessage(), e);
    }
  }

  /** Each node's wsrep cluster status and local state, e.g. "Primary/Synced". */
  public List<String> states() {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= NODES; n++) {
      out.add(state(n));
    }
    return out;
  }

  private String state(int node) {
    if (!nodes[node - 1].isAlive()) {
      return "node " + node + " exited";
    }
    try (Connection c = connect(node)) {
      return status(c, "wsrep_cluster_status") + "/" + status(c, "wsrep_local_state_comment");
    } catch (SQLException e) {
      return "node " + node + " unreachable: " + e.getMessage();
    }
  }

  private Connection connect(int node) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + sqlPorts[node - 1] + "/?sslMode=disable", "root", "");
  }

  private static String status(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW STATUS LIKE '" + name + "'")) {
      return rs.next() ? rs.getString(2) : "?";
    }
  }

  /** The last lines of node {@code node}'s error log, for failure messages. */
  public String logTail(int node) {
    try {
      List<String> lines = Files.readAllLines(dir(node).resolve("error.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void start() {
    try {
      for (int n = 1; n <= NODES; n++) {
        Files.createDirectories(dir(n).resolve("data"));
      }
      if (asMysqlUser) {
        run("chown", "-R", "mysql:mysql", base.toString());
      }
      run(
          "mariadb-install-db",
          "--no-defaults",
          "--datadir=" + dir(1).resolve("data"),
          "--auth-root-authentication-method=normal",
          "--skip-test-db",
          asMysqlUser ? "--user=mysql" : "--user=" + System.getProperty("user.name"));
      for (int n = 1; n <= NODES; n++) {
        Files.writeString(dir(n).resolve("my.cnf"), config(n));
      }
      if (asMysqlUser) {
        run("chown", "-R", "mysql:mysql", base.toString());
      }
      for (int n = 1; n <= NODES; n++) {
        startNode(n, n == 1);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("the Galera cluster did not start: " + e.getMessage(), e);
    }
  }

  private void startNode(int n, boolean bootstrap) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("/usr/sbin/mariadbd");
    command.add("--defaults-file=" + dir(n).resolve("my.cnf"));
    if (bootstrap) {
      command.add("--wsrep-new-cluster");
    }
    nodes[n - 1] =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir(n).resolve("stdout.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!"Primary/Synced".equals(state(n))) {
      if (!nodes[n - 1].isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Galera node "
                + n
                + " did not reach Primary/Synced ("
                + state(n)
                + "); its log:\n"
                + logTail(n));
      }
      Thread.sleep(200);
    }
  }

  private String config(int n) {
    Path dir = dir(n);
    StringBuilder cluster = new StringBuilder();
    for (int port : groupPorts) {
      cluster.append(cluster.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
    }
    int group = groupPorts[n - 1];
    return String.join(
        "\n",
        "[mysqld]",
        asMysqlUser ? "user=mysql" : "",
        "datadir=" + dir.resolve("data"),
        "port=" + sqlPorts[n - 1],
        "bind-address=127.0.0.1",
        "socket=" + dir.resolve("mysqld.sock"),
        "pid-file=" + dir.resolve("mysqld.pid"),
        "log-error=" + dir.resolve("error.log"),
        "binlog_format=ROW",
        "default_storage_engine=InnoDB",
        "innodb_autoinc_lock_mode=2",
        "innodb_buffer_pool_size=64M",
        "innodb_log_file_size=32M",
        "innodb_flush_log_at_trx_commit=2",
        "performance_schema=OFF",
        "wsrep_on=ON",
        "wsrep_provider=" + provider,
        "wsrep_cluster_name=idminter_test",
        "wsrep_cluster_address=gcomm://" + cluster,
        "wsrep_node_name=node" + n,
        "wsrep_node_address=127.0.0.1:" + group,
        "wsrep_provider_options=gmcast.listen_addr=tcp://127.0.0.1:"
            + group
            + ";ist.recv_addr=127.0.0.1:"
            + TestDatabases.freePort(),
        "wsrep_sst_method=rsync",
        "wsrep_sst_receive_address=127.0.0.1:" + TestDatabases.freePort(),
        "");
  }

  private Path dir(int n) {
    return base.resolve("node" + n);
  }

  private void stopAll() {
    for (Process p : nodes) {
      if (p != null) {
        p.destroy();
      }
    }
    for (Process p : nodes) {
      if (p != null) {
        try {
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static String providerLibrary() {
    for (String p : PROVIDERS) {
      if (Files.isRegularFile(Path.of(p))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "the Galera library (libgalera_smm.so) is not installed: install the Debian package"
            + " galera-4 (apt-get install galera-4 mariadb-server rsync); .ci/run does this");
  }

  private static void require(String file, String pkg) {
    if (!Files.isExecutable(Path.of(file))) {
      throw new IllegalStateException(
          file
              + " is missing: install the Debian package "
              + pkg
              + " (apt-get install galera-4 mariadb-server rsync); .ci/run does this");
    }
  }

  private void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
