package org.idminter.store.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.idminter.store.StoreConfig;
import org.idminter.store.pool.PoolPolicy;

/**
 * One real database, created fresh for this test run (a new name on a shared server). Tests open
 * idminter on it through {@link #config} and talk to it directly through {@link #connect}.
 */
public record TestDatabase(String kind, String url, String user, String password) {

  public StoreConfig config() {
    return config(PoolPolicy.DEFAULT);
  }

  public StoreConfig config(PoolPolicy pool) {
    return new StoreConfig(
        url,
        Optional.of(user),
        Optional.ofNullable(password).filter(p -> !p.isEmpty()),
        true,
        pool,
        16);
  }

  public Connection connect() throws SQLException {
    Connection c = DriverManager.getConnection(url, user, password == null ? "" : password);
    c.setAutoCommit(true);
    return c;
  }

  /** Drops idminter's tables so the next store opened migrates from nothing. */
  public void reset() {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String table :
          new String[] {
            "identifier_inheritance",
            "identifier_history",
            "identifier_redirects",
            "source_system_aliases",
            "source_system_alias_saved",
            "idminter_locks",
            "entity_id_mapping",
            "entity_id_counters",
            "idminter_instance",
            "identifiers_new",
            "identifiers",
            "canonical_ids",
            "identifiers_old",
            "identifiers_rolled_back",
            "idminter_legacy_migration",
            "idminter_legacy_refused",
            "flyway_schema_history"
          }) {
        // Flyway creates its history table with a quoted lower-case name; H2 upper-cases unquoted
        // ones.
        String name = kind.equals("H2") && table.startsWith("flyway") ? "\"" + table + "\"" : table;
        s.execute(
            kind.equals("PostgreSQL") || kind.equals("H2")
                ? "DROP TABLE IF EXISTS " + name + " CASCADE"
                : "DROP TABLE IF EXISTS " + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot reset the " + kind + " test database " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Leaves the database as migrating an empty one to {@code version} would, without running the
   * migrations (which cost a second a test on MySQL): when the schema is at {@code version}, every
   * idminter table is emptied, the rows the migrations seed are put back and the database gets a
   * new identity. Answers false, changing nothing it has not emptied, when the schema is not there
   * at that version: then {@link #reset} and migrate.
   */
  public boolean emptyAt(String version) {
    String flyway = kind.equals("H2") ? "\"flyway_schema_history\"" : "flyway_schema_history";
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      try (java.sql.ResultSet rs =
          s.executeQuery(
              "SELECT version, success FROM " + flyway + " ORDER BY installed_rank DESC")) {
        if (!rs.next() || !version.equals(rs.getString(1)) || !rs.getBoolean(2)) {
          return false;
        }
      }
      String[] tables = {
        "identifier_inheritance",
        "identifier_history",
        "identifier_redirects",
        "source_system_aliases",
        "source_system_alias_saved",
        "entity_id_mapping",
        "entity_id_counters",
        "identifiers",
        "canonical_ids"
      };
      if (kind.equals("PostgreSQL")) {
        // TRUNCATE, not DELETE: deleted rows stay as dead tuples until a vacuum, and every later
        // test's statements would read through them.
        s.execute("TRUNCATE " + String.join(", ", tables));
      } else {
        for (String table : tables) {
          s.execute("DELETE FROM " + table);
        }
      }
      s.execute(
          "INSERT INTO entity_id_counters (entity_type, next_number) VALUES ('item', 1),"
              + " ('property', 1), ('lexeme', 1)");
      s.execute("UPDATE idminter_instance SET instance_id = '" + java.util.UUID.randomUUID() + "'");
      s.execute(
          "DELETE FROM idminter_locks WHERE name NOT IN ('pool_top_up', 'registry', 'key_space')");
      s.execute("UPDATE idminter_locks SET version = 0");
      return true;
    } catch (SQLException e) {
      return false; // a table a test dropped or changed: migrate from nothing
    }
  }

  /** Runs statements on a plain auto-commit connection (fixtures, competing writers). */
  public void execute(String... sql) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(kind + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return kind;
  }
}
