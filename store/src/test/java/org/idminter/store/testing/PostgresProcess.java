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

/**
 * One private PostgreSQL server from the installed Debian package (postgresql, its binaries under
 * /usr/lib/postgresql/VERSION/bin), never the shared service: its own data directory and loopback
 * port, trust authentication for the postgres user. PostgreSQL refuses to run as root, so as root
 * it runs as the postgres user through {@code setpriv}, which becomes the server (no process in
 * between), so that killing the process kills the server. Tests kill it with SIGKILL (the
 * postmaster and every backend) and start it again.
 */
public final class PostgresProcess extends PrivateServer {
  private final Path bin;
  private final int port = TestDatabases.freeListeningPort();
  private final boolean asPostgresUser = "root".equals(System.getProperty("user.name"));

  private PostgresProcess(Path dir, Path bin) {
    super(dir);
    this.bin = bin;
  }

  /** A new server with an empty cluster, started and answering. */
  public static PostgresProcess start(String prefix) {
    PostgresProcess server = new PostgresProcess(TestDatabases.tempDir(prefix), binaries());
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    try {
      if (server.asPostgresUser) {
        Commands.run("chown", "-R", "postgres:postgres", server.dir.toString());
      }
      Commands.run(
          server.as(
              server.bin.resolve("initdb").toString(),
              "-D",
              server.dir.resolve("data").toString(),
              "-U",
              "postgres",
              "--auth=trust",
              "--no-sync",
              "-E",
              "UTF8"));
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("initdb failed in " + server.dir + ": " + e, e);
    }
    server.restart();
    return server;
  }

  /**
   * A streaming replica of {@code primary}: a base backup taken with pg_basebackup (which writes
   * the standby settings, -R), started on its own port as a hot standby.
   */
  public static PostgresProcess replicaOf(PostgresProcess primary, String prefix) {
    PostgresProcess replica = new PostgresProcess(TestDatabases.tempDir(prefix), primary.bin);
    Runtime.getRuntime().addShutdownHook(new Thread(replica::stop));
    try {
      if (replica.asPostgresUser) {
        Commands.run("chown", "-R", "postgres:postgres", replica.dir.toString());
      }
      Commands.run(
          replica.as(
              replica.bin.resolve("pg_basebackup").toString(),
              "-h",
              "127.0.0.1",
              "-p",
              String.valueOf(primary.port),
              "-U",
              "postgres",
              "-D",
              replica.dir.resolve("data").toString(),
              "-R",
              "-X",
              "stream",
              "--checkpoint=fast")); // a spread checkpoint took 92 s of an idle test
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("pg_basebackup failed into " + replica.dir + ": " + e, e);
    }
    replica.restart();
    return replica;
  }

  /** Runs one statement on database {@code name} and returns the first column of its row. */
  public String query(String name, String sql) {
    try (Connection c = DriverManager.getConnection(url(name), "postgres", "");
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }

  /** The JDBC URL of database {@code name} on this server. */
  public String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  /** Starts the server (again) and waits until it answers, up to a minute. */
  @Override
  public void restart() {
    try {
      process =
          new ProcessBuilder(
                  as(
                      bin.resolve("postgres").toString(),
                      "-D",
                      dir.resolve("data").toString(),
                      "-p",
                      String.valueOf(port),
                      "-c",
                      "listen_addresses=127.0.0.1",
                      "-c",
                      "unix_socket_directories=" + dir,
                      "-c",
                      "fsync=off",
                      "-c",
                      "shared_buffers=64MB"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()))
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!reachable()) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "PostgreSQL in " + dir + " did not start; its log:\n" + logTail());
        }
        Thread.sleep(100);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("PostgreSQL in " + dir + " did not start: " + e, e);
    }
  }

  /** Creates a database and returns its name. */
  public String createDatabase(String suffix) {
    String name = TestDatabases.freshName(suffix);
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create " + name + ": " + e.getMessage(), e);
    }
    return name;
  }

  private boolean reachable() {
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "")) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  protected Path log() {
    return dir.resolve("server.log");
  }

  private String[] as(String... command) {
    if (!asPostgresUser) {
      return command;
    }
    List<String> out =
        new ArrayList<>(
            List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    out.addAll(List.of(command));
    return out.toArray(String[]::new);
  }

  private static Path binaries() {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Path::compareTo)
          .orElseThrow();
    } catch (IOException | java.util.NoSuchElementException e) {
      throw new IllegalStateException(
          "no PostgreSQL server binaries under /usr/lib/postgresql: install the Debian package"
              + " postgresql",
          e);
    }
  }
}
