package org.idminter.migrate.legacy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.PoolPolicy;
import org.idminter.store.testing.SampleData;
import org.idminter.store.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the legacy migration contract starts from: a reset database of one kind (named by the
 * subclass), stores opened with a statement hook (to count statements or crash at the k-th), legacy
 * tables filled with real and bad rows, and a snapshot of every table to compare runs.
 */
abstract class LegacyFixture {
  static final Duration TTL = Duration.ofMinutes(2);
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected abstract TestDatabase database();

  final List<IdStore> opened = new ArrayList<>();

  @BeforeEach
  void reset() {
    database().reset();
  }

  @AfterEach
  void close() {
    opened.forEach(IdStore::close);
  }

  IdStore open(UnaryOperator<Connection> decorator) {
    var c = database().config();
    IdStore store =
        IdStore.builder(
                new org.idminter.store.StoreConfig(
                    c.jdbcUrl(), c.user(), c.password(), false, new PoolPolicy(false, 0, 1), 8),
                new Random(3))
            .connectionDecorator(decorator)
            .open();
    opened.add(store);
    return store;
  }

  LegacyMigration migration(IdStore store, Instant now, int chunk) {
    return new LegacyMigration(
        store, Clock.fixed(now, ZoneOffset.UTC), TTL, chunk, new java.security.SecureRandom());
  }

  LegacyMigration migration() {
    return migration(open(UnaryOperator.identity()), T0, 7);
  }

  /** A legacy table: real rows, plus (when {@code bad}) rows that must be refused. */
  void legacy(int realRows, boolean bad) {
    List<String> inserts = new ArrayList<>();
    database().execute(createLegacy());
    int i = 0;
    for (Map.Entry<SourceIdentifier, CanonicalId> e : SampleData.sampleMappings().entrySet()) {
      if (i++ == realRows) {
        break;
      }
      inserts.add(
          row(
              e.getValue().value(),
              e.getKey().ontologyType(),
              e.getKey().sourceSystem(),
              e.getKey().sourceId()));
    }
    inserts.add(row("pqrstuvw", "Person", "lc-names", "n80000001"));
    if (bad) {
      inserts.add(row("ABCDEFGH", "Work", "sierra-system-number", "b9000001"));
      inserts.add(row("abcdefghjk", "Work", "sierra-system-number", "b9000002"));
      inserts.add(
          row(
              "qrstuvwx",
              "Agent",
              "lc-names",
              "n80000001")); // collides with the Person once normalised
      inserts.add(row("rstuvwxy", "Work", "", "b9000003"));
    }
    database().execute(inserts.toArray(String[]::new));
  }

  String createLegacy() {
    return database().kind().equals("MariaDB") || database().kind().equals("MySQL")
        ? "CREATE TABLE identifiers (CanonicalId varchar(255) NOT NULL PRIMARY KEY, OntologyType varchar(255) NOT NULL,"
            + " SourceId varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL,"
            + " UNIQUE KEY UniqueFromSource (OntologyType, SourceSystem, SourceId)) DEFAULT CHARSET=latin1"
        : "CREATE TABLE identifiers (CanonicalId varchar(255) NOT NULL PRIMARY KEY, OntologyType varchar(255) NOT NULL,"
            + " SourceId varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL,"
            + " CONSTRAINT UniqueFromSource UNIQUE (OntologyType, SourceSystem, SourceId))";
  }

  static String row(String id, String type, String system, String value) {
    return "INSERT INTO identifiers (CanonicalId, OntologyType, SourceSystem, SourceId) VALUES ('"
        + id
        + "', '"
        + type
        + "', '"
        + system
        + "', '"
        + value.replace("'", "''")
        + "')";
  }

  /** Every table with every row, as text: equal snapshots mean equal databases. */
  String snapshot() {
    StringBuilder out = new StringBuilder();
    try (Connection c = database().connect();
        Statement s = c.createStatement()) {
      for (String table : new TreeSet<>(LegacyTables.tables(c))) {
        if (table.equals("flyway_schema_history") || table.equals("idminter_locks")) {
          out.append(table).append(" exists\n");
          continue;
        }
        String order = table.equals("idminter_legacy_migration") ? "Id" : "CanonicalId";
        String columns =
            table.equals("idminter_legacy_migration")
                ? "Phase, CopyCursor, SourceRows, SourceChecksum, SwappedRows, SwappedChecksum"
                : table.equals("canonical_ids")
                    ? "CanonicalId, Status"
                    : table.equals("identifier_inheritance")
                        ? "CanonicalId"
                        : "CanonicalId, OntologyType, SourceSystem, SourceId";
        out.append("== ").append(table).append('\n');
        try (ResultSet rs =
            s.executeQuery("SELECT " + columns + " FROM " + table + " ORDER BY " + order)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              out.append(rs.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return out.toString();
  }

  String firstId() {
    try (Connection c = database().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MIN(CanonicalId) FROM identifiers")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(int k) {
      super("simulated crash before statement " + k);
    }
  }

  static UnaryOperator<Connection> countingOnly(AtomicInteger counter) {
    return onEachStatement(sql -> counter.incrementAndGet());
  }

  /** Statement k and every one after it fail: a dead process runs no clean-up either. */
  static UnaryOperator<Connection> crashingAt(int k, AtomicInteger counter) {
    return onEachStatement(
        sql -> {
          if (counter.incrementAndGet() >= k) {
            throw new SimulatedCrash(k);
          }
        });
  }

  static UnaryOperator<Connection> onStatement(
      java.util.function.Predicate<String> match, Runnable action) {
    return onEachStatement(
        sql -> {
          if (match.test(sql)) {
            action.run();
          }
        });
  }

  static UnaryOperator<Connection> onEachStatement(java.util.function.Consumer<String> before) {
    return c ->
        (Connection)
            java.lang.reflect.Proxy.newProxyInstance(
                LegacyMigrationContract.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  Object result = invoke(c, method, args);
                  if (result instanceof Statement st
                      && (method.getName().equals("prepareStatement")
                          || method.getName().equals("createStatement"))) {
                    String prepared =
                        method.getName().equals("prepareStatement") ? (String) args[0] : null;
                    Class<?> type =
                        method.getName().equals("prepareStatement")
                            ? java.sql.PreparedStatement.class
                            : Statement.class;
                    return java.lang.reflect.Proxy.newProxyInstance(
                        LegacyMigrationContract.class.getClassLoader(),
                        new Class<?>[] {type},
                        (p2, m2, a2) -> {
                          if (m2.getName().startsWith("execute")) {
                            before.accept(
                                prepared != null
                                    ? prepared
                                    : a2 != null && a2.length > 0 ? String.valueOf(a2[0]) : "");
                          }
                          return invoke(st, m2, a2);
                        });
                  }
                  return result;
                });
  }

  static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
