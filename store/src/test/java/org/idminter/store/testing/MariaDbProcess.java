package org.idminter.store.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One private mariadbd from the installed Debian package (mariadb-server): its own directory,
 * configuration file, data directory and loopback port, never the shared service. As root it runs
 * as the mysql user (the package's own), otherwise as the user running the tests. Tests kill it
 * with SIGKILL and start it again to see what a crash does.
 */
public final class MariaDbProcess extends PrivateServer {
  private static final String MARIADBD = "/usr/sbin/mariadbd";

  private final int port = TestDatabases.freeListeningPort();
  private final boolean asMysqlUser = "root".equals(System.getProperty("user.name"));

  /** A server directory under {@code dir}; nothing runs until {@link #start}. */
  public MariaDbProcess(Path dir) {
    super(dir);
  }

  /** A private single server, started, answering on its port. */
  public static MariaDbProcess startSingle(String prefix) {
    MariaDbProcess server = new MariaDbProcess(TestDatabases.tempDir(prefix));
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    server.initialize(true, List.of());
    server.restart();
    return server;
  }

  /** Starts a single server (again) and waits until it answers. */
  @Override
  public void restart() {
    start(List.of(), () -> reachable() ? "up" : "down", "up");
  }

  public int port() {
    return port;
  }

  /**
   * Writes the configuration ({@code extra} lines after the common ones) and, if {@code withData},
   * a fresh data directory with root and no password.
   */
  public void initialize(boolean withData, List<String> extra) {
    try {
      Files.createDirectories(dir.resolve("data"));
      own();
      if (withData) {
        Commands.run(
            "mariadb-install-db",
            "--no-defaults",
            "--datadir=" + dir.resolve("data"),
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            "--user=" + (asMysqlUser ? "mysql" : System.getProperty("user.name")));
      }
      List<String> lines = new ArrayList<>();
      lines.add("[mysqld]");
      if (asMysqlUser) {
        lines.add("user=mysql");
      }
      lines.addAll(
          List.of(
              "datadir=" + dir.resolve("data"),
              "port=" + port,
              "bind-address=127.0.0.1",
              "socket=" + dir.resolve("mysqld.sock"),
              "pid-file=" + dir.resolve("mysqld.pid"),
              "log-error=" + dir.resolve("error.log"),
              "default_storage_engine=InnoDB",
              "innodb_buffer_pool_size=64M",
              "innodb_log_file_size=32M",
              "performance_schema=OFF"));
      lines.addAll(extra);
      lines.add("");
      Files.writeString(dir.resolve("my.cnf"), String.join("\n", lines));
      own();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot prepare mariadbd in " + dir + ": " + e, e);
    }
  }

  /**
   * Starts mariadbd with {@code args} and waits up to two minutes until {@code state} answers
   * {@code ready}; a server that exits or never gets there fails with its log.
   */
  public void start(List<String> args, Supplier<String> state, String ready) {
    List<String> command =
        new ArrayList<>(List.of(MARIADBD, "--defaults-file=" + dir.resolve("my.cnf")));
    command.addAll(args);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String now;
      while (!ready.equals(now = state.get())) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "mariadbd in " + dir + " did not get ready (" + now + "); its log:\n" + logTail());
        }
        Thread.sleep(200);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("mariadbd in " + dir + " did not start: " + e, e);
    }
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable", "root", "");
  }

  private boolean reachable() {
    try (Connection c = connect()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  protected Path log() {
    return dir.resolve("error.log");
  }

  /** As root, hands the directory to the mysql user (its parent must let mysql through). */
  private void own() throws IOException, InterruptedException {
    if (asMysqlUser) {
      Commands.run("chown", "-R", "mysql:mysql", dir.toString());
    }
  }
}
