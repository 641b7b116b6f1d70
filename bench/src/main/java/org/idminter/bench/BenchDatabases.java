package org.idminter.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/**
 * The databases a benchmark run uses, found as the tests find them, opened once per run, with their
 * server versions and data caches recorded beside the figures.
 */
final class BenchDatabases {
  private BenchDatabases() {}

  /** Databases as the tests find them; H2 is a file database, as the embedded default is. */
  static TestDatabase get(String name) {
    TestDatabase known = OPENED.get(name);
    if (known != null) {
      return known;
    }
    TestDatabase db = open(name);
    OPENED.put(name, db);
    try (java.sql.Connection c = db.connect()) {
      var meta = c.getMetaData();
      SERVERS.put(
          db.kind(),
          meta.getDatabaseProductName()
              + " "
              + meta.getDatabaseProductVersion()
              + cacheSetting(c, db.kind()));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot reach " + db, e);
    }
    return db;
  }

  private static final Map<String, TestDatabase> OPENED = new LinkedHashMap<>();

  /**
   * The server's data cache, recorded with the figures: once tables outgrow it (the stock 128 MB
   * does at about 1M mappings), imports and lookups become bound by the disk.
   */
  private static String cacheSetting(java.sql.Connection c, String kind)
      throws java.sql.SQLException {
    String query =
        switch (kind) {
          case "MariaDB", "MySQL" ->
              "SELECT CONCAT('innodb_buffer_pool_size ', @@innodb_buffer_pool_size DIV 1048576, ' MB')";
          case "PostgreSQL" -> "SELECT 'shared_buffers ' || current_setting('shared_buffers')";
          default -> null;
        };
    if (query == null) {
      return "";
    }
    try (var st = c.createStatement();
        var rs = st.executeQuery(query)) {
      rs.next();
      return ", " + rs.getString(1);
    }
  }

  /** Server versions of the databases used, recorded with the figures. */
  static final Map<String, String> SERVERS = new LinkedHashMap<>();

  private static TestDatabase open(String name) {
    return switch (name) {
      case "h2" -> TestDatabases.h2File();
      case "mariadb" -> TestDatabases.mariaDb("bench");
      case "postgresql" -> TestDatabases.postgres("bench");
      case "mysql" -> TestDatabases.mySql("bench");
      case "sqlite" -> TestDatabases.sqlite();
      default ->
          throw new IllegalArgumentException(
              "unknown database " + name + " (one of " + BenchOptions.DATABASES + ")");
    };
  }

  /**
   * idminter's rates as a share of the raw baselines: the median over rounds of each round's own
   * ratio (see {@link #measure}).
   */
}
