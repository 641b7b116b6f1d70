package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.idminter.core.CanonicalId;
import org.idminter.core.LookupResult;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.StoreException;
import org.idminter.store.pool.PoolPolicy;
import org.idminter.store.schema.SchemaState.Shape;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.PythonSchema;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A database created by the Python id_minter: latin1, case-insensitive, no Flyway history. */
class MariaDbExistingSchemaIT {
  private static final TestDatabase DB = TestDatabases.mariaDb("python", "latin1");

  @BeforeEach
  void createPythonSchema() {
    PythonSchema.create(DB);
  }

  private IdStore open(boolean apply) {
    var c = DB.config();
    return IdStore.builder(
            new StoreConfig(c.jdbcUrl(), c.user(), c.password(), apply, c.pool(), 4), new Random(7))
        .open();
  }

  private static String showCreate(String table) throws Exception {
    try (Connection c = DB.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + table)) {
      rs.next();
      return rs.getString(2);
    }
  }

  @Test
  void openWithoutApplyMigrationsLooksUpButRefusesToMintUntilAsked() {
    try (IdStore store = open(false)) {
      assertThat(store.schemaState().shape()).isEqualTo(Shape.UNVERSIONED);
      LookupResult r =
          store
              .minter()
              .lookup(List.of(SourceIdentifier.parse("Work[sierra-system-number/b1000001]")));
      assertThat(r.found()).containsValue(new CanonicalId("a2345678"));
      assertThatThrownBy(
              () ->
                  store.minter().mint(List.of(MintRequest.of(SourceIdentifier.parse("Work[s/x]")))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("idminter schema migrate");
    }
  }

  @Test
  void migrateBaselinesExistingTablesWithoutAlteringThem() throws Exception {
    String identifiers = showCreate("identifiers");
    String canonicalIds = showCreate("canonical_ids");
    try (IdStore store = open(true)) {
      assertThat(store.schemaState().isCurrent()).isTrue();
      assertThat(showCreate("identifiers")).isEqualTo(identifiers);
      assertThat(showCreate("canonical_ids")).isEqualTo(canonicalIds);
      var ids =
          store
              .minter()
              .mint(
                  List.of(
                      MintRequest.of(SourceIdentifier.parse("Work[sierra-system-number/b1000001]")),
                      MintRequest.inheriting(
                          SourceIdentifier.parse("Work[folio/f1]"),
                          SourceIdentifier.parse("Work[sierra-system-number/b1000001]")),
                      MintRequest.of(SourceIdentifier.parse("Item[sierra-system-number/i1]"))));
      assertThat(ids.values()).extracting(CanonicalId::value).startsWith("a2345678", "a2345678");
    }
    InvariantChecker.check(DB);
  }

  @Test
  void keyDifferingOnlyInCaseOrTrailingSpaceGetsAClashErrorNamingBothSpellings() {
    try (IdStore store = open(true)) {
      for (String spelling :
          List.of(
              "Work[sierra-system-number/B1000001]",
              "Work[sierra-system-number/b1000001 ]",
              "Work[Sierra-System-Number/b1000001]")) {
        assertThatThrownBy(
                () ->
                    store.minter().mint(List.of(MintRequest.of(SourceIdentifier.parse(spelling)))))
            .isInstanceOf(MintException.class)
            .hasMessageContaining("'" + spelling + "'")
            .hasMessageContaining("'Work[sierra-system-number/b1000001]' (a2345678)");
        LookupResult r = store.minter().lookup(List.of(SourceIdentifier.parse(spelling)));
        assertThat(r.found()).isEmpty();
        assertThat(r.clashes())
            .singleElement()
            .satisfies(c -> assertThat(c.storedId().value()).isEqualTo("a2345678"));
      }
      // A type spelled in another case is not a known type at all: refused before any lookup.
      assertThatThrownBy(
              () ->
                  store
                      .minter()
                      .mint(
                          List.of(
                              MintRequest.of(
                                  SourceIdentifier.parse("work[sierra-system-number/b1000001]")))))
          .hasMessageStartingWith("unknown ontology type 'work'");
      assertThat(
              store
                  .minter()
                  .mint(
                      List.of(
                          MintRequest.of(
                              SourceIdentifier.parse("Work[sierra-system-number/b1000001]")))))
          .containsValue(new CanonicalId("a2345678"));
    }
    InvariantChecker.check(DB);
  }

  @Test
  void legacyOneToOneTableIsRefusedWithoutChange() {
    DB.reset();
    DB.execute(
        "CREATE TABLE identifiers (CanonicalId varchar(255) NOT NULL PRIMARY KEY, OntologyType varchar(255) NOT NULL,"
            + " SourceId varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL) DEFAULT CHARSET=latin1");
    try (IdStore store = open(true)) {
      assertThat(store.schemaState().shape()).isEqualTo(Shape.LEGACY);
      assertThatThrownBy(
              () ->
                  store.minter().mint(List.of(MintRequest.of(SourceIdentifier.parse("Work[s/x]")))))
          .hasMessageContaining("legacy 1:1 identifiers table");
    }
  }

  @Test
  void passwordNeverAppearsInConnectionErrors() {
    var bad =
        new StoreConfig(
            "jdbc:mariadb://127.0.0.1:3306/nope?sslMode=disable",
            Optional.of("nobody"),
            Optional.of("s3cr3t-pw"),
            false,
            PoolPolicy.DEFAULT,
            2);
    assertThatThrownBy(() -> IdStore.builder(bad, new Random(1)).open())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot connect to MariaDB")
        .hasMessageNotContaining("s3cr3t-pw");
  }
}
