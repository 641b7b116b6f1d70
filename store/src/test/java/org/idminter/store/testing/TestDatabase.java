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
