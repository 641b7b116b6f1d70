package org.idminter.store.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
  private static final String[] TABLES = {
    "identifiers ORDER BY OntologyType, SourceSystem, SourceId",
    "canonical_ids ORDER BY CanonicalId",
    "identifier_inheritance ORDER BY OntologyType, SourceSystem, SourceId"
  };
  private static GaleraCluster shared;

  private final String provider;
  private final int[] sqlPorts = new int[NODES];
  private final int[] groupPorts = new int[NODES];
  private final MariaDbProcess[] nodes = new MariaDbProcess[NODES];

  private GaleraCluster(Path base, String provider) {
    this.provider = provider;
    for (int i = 0; i < NODES; i++) {
      nodes[i] = new MariaDbProcess(base.resolve("node" + (i + 1)));
      sqlPorts[i] = nodes[i].port();
      groupPorts[i] = TestDatabases.freeListeningPort();
    }
  }

  /** The cluster of this JVM, started on first use. */
  public static synchronized GaleraCluster shared() {
    if (shared == null) {
      String provider = providerLibrary();
      require("/usr/sbin/mariadbd", "mariadb-server");
      require("/usr/bin/mariadb-install-db", "mariadb-server");
      require("/usr/bin/rsync", "rsync");
      Path base = TestDatabases.tempDir("idminter-galera");
      GaleraCluster cluster = new GaleraCluster(base, provider);
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::stopAll));
      cluster.start(base);
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

  /**
   * The database through all three nodes, {@code first} tried first: the MariaDB driver's
   * sequential failover URL, which a client uses to move to another node when its node goes.
   */
  public TestDatabase failoverDatabase(String name, int first) {
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < NODES; i++) {
      int node = (first - 1 + i) % NODES;
      hosts.append(i == 0 ? "" : ",").append("127.0.0.1:").append(sqlPorts[node]);
    }
    return new TestDatabase(
        "MariaDB",
        "jdbc:mariadb:sequential://" + hosts + "/" + name + "?sslMode=disable",
        "root",
        "");
  }

  /** Kills node {@code node} with SIGKILL, as a crash would, and waits for it to be gone. */
  public void kill(int node) throws InterruptedException {
    nodes[node - 1].kill();
  }

  /** Starts a killed node again and waits until it has rejoined and caught up (Synced). */
  public void restart(int node) {
    startNode(node, false);
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
    if (!nodes[node - 1].alive()) {
      return "node " + node + " is not running";
    }
    try (Connection c = connect(node)) {
      return status(c, "wsrep_cluster_status") + "/" + status(c, "wsrep_local_state_comment");
    } catch (SQLException e) {
      return "node " + node + " unreachable: " + e.getMessage();
    }
  }

  private Connection connect(int node) throws SQLException {
    return nodes[node - 1].connect();
  }

  private static String status(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW STATUS LIKE '" + name + "'")) {
      return rs.next() ? rs.getString(2) : "?";
    }
  }

  /**
   * What is wrong with the cluster for database {@code name}: a node not Primary and Synced, or a
   * node whose tables differ from node 1's (row count and a digest of every row in key order, read
   * after the node has applied every write set it received). Empty when the cluster is whole.
   */
  public List<String> divergence(String name) {
    List<String> problems = new ArrayList<>();
    List<String> states = states();
    for (int n = 1; n <= NODES; n++) {
      if (!"Primary/Synced".equals(states.get(n - 1))) {
        problems.add("node " + n + " is " + states.get(n - 1));
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    List<String> first = digests(name, 1);
    for (int n = 2; n <= NODES; n++) {
      List<String> other = digests(name, n);
      if (!other.equals(first)) {
        problems.add("node " + n + " holds " + other + " where node 1 holds " + first);
      }
    }
    return problems;
  }

  private List<String> digests(String name, int node) {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(node);
        Statement s = c.createStatement()) {
      s.execute("SET SESSION wsrep_sync_wait = 1");
      s.execute("USE " + name);
      for (String table : TABLES) {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long rows = 0;
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            rows++;
            for (int i = 1; i <= columns; i++) {
              digest.update(String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8));
              digest.update((byte) 0);
            }
          }
        }
        out.add(rows + " rows of " + table + " " + HexFormat.of().formatHex(digest.digest()));
      }
    } catch (SQLException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot read node " + node + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The last lines of node {@code node}'s error log, for failure messages. */
  public String logTail(int node) {
    return nodes[node - 1].logTail();
  }

  private void start(Path base) {
    try {
      // As root the nodes run as mysql, which must get through the base directory to its own.
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot open " + base + " to the nodes: " + e, e);
    }
    for (int n = 1; n <= NODES; n++) {
      nodes[n - 1].initialize(n == 1, config(n));
    }
    for (int n = 1; n <= NODES; n++) {
      startNode(n, n == 1);
    }
  }

  /**
   * Starts node {@code n}; a joiner whose state transfer failed (the node exits: rsync could not
   * take its port, say) is started once more, which requests the transfer again.
   */
  private void startNode(int n, boolean bootstrap) {
    List<String> args = bootstrap ? List.of("--wsrep-new-cluster") : List.of();
    try {
      nodes[n - 1].start(args, () -> state(n), "Primary/Synced");
    } catch (IllegalStateException e) {
      if (bootstrap || nodes[n - 1].alive()) {
        throw e;
      }
      System.err.println("Galera node " + n + " exited while joining; starting it once more: " + e);
      nodes[n - 1].start(args, () -> state(n), "Primary/Synced");
    }
  }

  /** Node {@code n}'s Galera settings: loopback addresses, rsync state transfer. */
  private List<String> config(int n) {
    StringBuilder cluster = new StringBuilder();
    for (int port : groupPorts) {
      cluster.append(cluster.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
    }
    int group = groupPorts[n - 1];
    return List.of(
        "binlog_format=ROW",
        "innodb_autoinc_lock_mode=2",
        "innodb_flush_log_at_trx_commit=2",
        "wsrep_on=ON",
        "wsrep_provider=" + provider,
        "wsrep_cluster_name=idminter_test",
        "wsrep_cluster_address=gcomm://" + cluster,
        "wsrep_node_name=node" + n,
        "wsrep_node_address=127.0.0.1:" + group,
        "wsrep_provider_options=gmcast.listen_addr=tcp://127.0.0.1:"
            + group
            + ";ist.recv_addr=127.0.0.1:"
            + TestDatabases.freeListeningPort(),
        "wsrep_sst_method=rsync",
        "wsrep_sst_receive_address=127.0.0.1:" + TestDatabases.freeListeningPort());
  }

  private void stopAll() {
    for (MariaDbProcess node : nodes) {
      node.stop();
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
}
