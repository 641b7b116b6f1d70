package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Random;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.schema.ExactKeysPlan;
import org.junit.jupiter.api.Test;

/**
 * {@code schema exact-keys} on a database the Python id_minter made (MySQL, MariaDB: latin1,
 * case-insensitive): the plan writes nothing and names re-encoded values; apply converts the key
 * columns in place so keys differing only in case are two keys, verify proves every row kept its
 * text, a stop at any statement resumes to the same end, the Python id_minter's SQL still works,
 * and rollback is refused while it would merge two keys. On PostgreSQL and H2 there is nothing to
 * do.
 */
public abstract class ExactKeysContract {
  protected abstract TestDatabase database();

  private boolean mysql() {
    return database().kind().equals("MariaDB") || database().kind().equals("MySQL");
  }

  private IdStore open() {
    var c = database().config();
    return IdStore.builder(
            new StoreConfig(c.jdbcUrl(), c.user(), c.password(), true, c.pool(), 4), new Random(5))
        .open();
  }

  private static SourceIdentifier key(String k) {
    return SourceIdentifier.parse(k);
  }

  /** The identifiers table's columns (name, character set, collation, nullability) and rows. */
  private String identifiersDdl() {
    return MappingTables.rows(
            database(),
            "SELECT COLUMN_NAME, CHARACTER_SET_NAME, COLLATION_NAME, IS_NULLABLE, COLUMN_TYPE"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND"
                + " TABLE_NAME = 'identifiers' ORDER BY ORDINAL_POSITION")
        + "\n"
        + MappingTables.rows(
            database(),
            "SELECT OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt FROM identifiers"
                + " ORDER BY CanonicalId");
  }

  @Test
  void onPostgresAndH2ThereIsNothingToDo() {
    if (mysql()) {
      return; // covered below
    }
    database().reset();
    try (IdStore store = open()) {
      ExactKeysPlan plan = store.exactKeys().plan();
      assertThat(plan.exactAlready()).isTrue();
      assertThat(plan.method()).contains("compares text exactly");
      assertThat(store.exactKeys().apply().columns()).isEmpty();
      assertThat(store.exactKeys().verify()).isEmpty();
    }
  }

  @Test
  void aPythonDatabaseIsConvertedSoKeysDifferingInCaseAreTwoKeys() throws Exception {
    if (!mysql()) {
      return;
    }
    PythonSchema.create(database());
    database()
        .execute(
            "INSERT INTO canonical_ids VALUES ('c2345678', 'assigned', NOW())",
            "INSERT INTO identifiers VALUES ('Work', 'calm-ref-no', 'Caf\u00e9 \u00e0 la carte',"
                + " 'c2345678', NOW())");
    try (IdStore store = open()) {
      SourceIdentifier upper = key("Work[sierra-system-number/B1000001]");
      assertThatThrownBy(() -> store.minter().mint(List.of(MintRequest.of(upper))))
          .hasMessageContaining("only up to case");
      String before = identifiersDdl();
      ExactKeysPlan plan = store.exactKeys().plan();
      assertThat(identifiersDdl()).as("the plan writes nothing").isEqualTo(before);
      assertThat(plan.exactAlready()).isFalse();
      assertThat(plan.refusals()).isEmpty();
      assertThat(plan.columns())
          .filteredOn(k -> k.table().equals("identifiers"))
          .extracting(ExactKeysPlan.KeyColumn::column)
          .containsExactly("OntologyType", "SourceSystem", "SourceId");
      assertThat(plan.reEncoded())
          .containsExactly("identifiers.SourceId = Caf\u00e9 \u00e0 la carte");
      assertThat(plan.notRoundTripping()).isEmpty();

      // Stopped before each statement in turn, then run again: it ends converted and verified.
      int statements = 0;
      for (int k = 1; ; k++) {
        java.util.concurrent.atomic.AtomicInteger seen =
            new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean armed =
            new java.util.concurrent.atomic.AtomicBoolean();
        int stopAt = k;
        var c = database().config();
        try (IdStore crashing =
            IdStore.builder(
                    new StoreConfig(c.jdbcUrl(), c.user(), c.password(), false, c.pool(), 4),
                    new Random(1))
                .retryPolicy(
                    new org.idminter.store.jdbc.RetryPolicy(
                        1, java.time.Duration.ZERO, java.time.Duration.ZERO))
                .connectionDecorator(
                    StatementHooks.onEachStatement(
                        sql -> {
                          if (armed.get() && seen.incrementAndGet() >= stopAt) {
                            throw new StatementHooks.SimulatedCrash(stopAt);
                          }
                        }))
                .open()) {
          armed.set(true);
          try {
            crashing.exactKeys().apply();
          } catch (RuntimeException stopped) {
            if (!(rootCause(stopped) instanceof StatementHooks.SimulatedCrash)) {
              throw stopped;
            }
            continue;
          }
        }
        statements = k - 1;
        break;
      }
      assertThat(statements).isPositive();
      assertThat(store.exactKeys().verify()).isEmpty();
      assertThat(store.exactKeys().plan().exactAlready()).isTrue();
      assertThat(identifiersDdl()).contains("SourceId utf8mb4 " + plan.target() + " NO");

      CanonicalId b = store.minter().mint(List.of(MintRequest.of(upper))).get(upper);
      assertThat(b).isNotEqualTo(new CanonicalId("a2345678"));
      SourceIdentifier cafe = key("Work[calm-ref-no/Caf\u00e9 \u00e0 la carte]");
      assertThat(store.minter().lookup(List.of(cafe)).found().get(cafe))
          .isEqualTo(new CanonicalId("c2345678"));
      pythonMintingRoundTrip();

      // Rolling back would make B1000001 and b1000001 one key: refused until one is gone.
      assertThatThrownBy(() -> store.exactKeys().rollback())
          .hasMessageContaining("cannot tell apart")
          .hasMessageContaining("nothing was changed");
      database().execute("DELETE FROM identifiers WHERE SourceId = 'B1000001'");
      assertThat(store.exactKeys().rollback()).startsWith("rolled back");
      assertThat(identifiersDdl()).isEqualTo(before);
    }
    InvariantChecker.check(database());
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The SQL the Python id_minter runs to mint, against the converted table. */
  private void pythonMintingRoundTrip() throws Exception {
    database()
        .execute("INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('p2345678', 'free')");
    try (Connection c = database().connect()) {
      c.setAutoCommit(false);
      String id;
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT CanonicalId FROM canonical_ids WHERE Status = 'free' AND CanonicalId ="
                      + " 'p2345678' LIMIT 1 FOR UPDATE");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getString(1);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE canonical_ids SET Status = 'assigned' WHERE CanonicalId = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO identifiers (CanonicalId, OntologyType, SourceSystem, SourceId)"
                  + " VALUES (?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setString(2, "Work");
        ps.setString(3, "miro-image-number");
        ps.setString(4, "V0001234\u00e9");
        ps.executeUpdate();
      }
      c.commit();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT CanonicalId FROM identifiers WHERE OntologyType = ? AND SourceSystem = ? AND"
                  + " SourceId = ?")) {
        ps.setString(1, "Work");
        ps.setString(2, "miro-image-number");
        ps.setString(3, "V0001234\u00e9");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("p2345678");
        }
      }
      c.commit();
    }
    database().execute("DELETE FROM identifiers WHERE CanonicalId = 'p2345678'");
  }
}
