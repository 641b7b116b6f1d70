package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.StoreConfig.Overrides;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.PoolPolicy;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
  @Test
  void noConfigurationMeansTheEmbeddedH2DatabaseUnderTheDataDir() {
    StoreConfig c = StoreConfig.resolve(Overrides.NONE, Map.of("IDMINTER_DATA_DIR", "/tmp/x"));
    assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:/tmp/x/idminter;");
    assertThat(c.applyMigrations()).isTrue();
    // H2 2.3.232 lost committed rows when it compacted the file on close (docs/architecture.md)
    assertThat(c.jdbcUrl()).contains(";MAX_COMPACT_TIME=0");
  }

  @Test
  void rdsVariablesSelectMySqlWithTheOriginalServicesDefaults() {
    StoreConfig c =
        StoreConfig.resolve(
            Overrides.NONE, Map.of("RDS_PRIMARY_HOST", "db.example", "RDS_PASSWORD", "pw"));
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:mysql://db.example:3306/identifiers");
    assertThat(c.user()).contains("id_minter");
    assertThat(c.password()).contains("pw");
    assertThat(c.applyMigrations()).isFalse();
    assertThat(c.toString()).doesNotContain("pw\"").contains("password=***");
  }

  @Test
  void explicitOptionsWinOverTheEnvironment() {
    Overrides o =
        new Overrides(
            Optional.of("jdbc:postgresql://h/db"),
            Optional.of("u"),
            Optional.empty(),
            Optional.of(Path.of("d")),
            true,
            Optional.of(false),
            Optional.of(5),
            Optional.of(50),
            Optional.of("claim"));
    StoreConfig c =
        StoreConfig.resolve(
            o, Map.of("IDMINTER_DB_URL", "jdbc:h2:mem:x", "IDMINTER_DB_PASSWORD", "p"));
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    assertThat(c.password()).contains("p");
    assertThat(c.pool()).isEqualTo(new PoolPolicy(false, 5, 50, IdSource.CLAIM));
    assertThat(c.applyMigrations()).isTrue();
  }

  @Test
  void badValuesFailNamingTheVariableAndValue() {
    assertThatThrownBy(
            () -> StoreConfig.resolve(Overrides.NONE, Map.of("APPLY_MIGRATIONS", "maybe")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "bad value for APPLY_MIGRATIONS (--apply-migrations): 'maybe' (expected true or false)");
    assertThatThrownBy(
            () ->
                StoreConfig.resolve(
                    Overrides.NONE, Map.of("RDS_PRIMARY_HOST", "h", "RDS_PORT", "x")))
        .hasMessageContaining("RDS_PORT: 'x'");
    assertThatThrownBy(
            () ->
                StoreConfig.resolve(
                    Overrides.NONE, Map.of("IDMINTER_DB_URL", "jdbc:oracle:thin:u/secret@h")))
        .hasMessageContaining("unsupported database URL")
        .hasMessageNotContaining("secret");
  }

  @Test
  void registrySettingsAreReadAndCheckedWithTheRest() {
    StoreConfig c =
        StoreConfig.resolve(
            Overrides.NONE,
            Map.of(
                "IDMINTER_DB_URL", "jdbc:h2:mem:x",
                "IDMINTER_QID_PREFIXES", "E=item, PR=property",
                "IDMINTER_CACHE_URL", "redis://:pw@cache.example:6380/2",
                "IDMINTER_CACHE_SIZE", "1000"));
    assertThat(c.registry().qidPrefixes().parse("E5").entityType()).isEqualTo("item");
    assertThat(c.registry().qidPrefixes().prefixOf("property")).isEqualTo("PR");
    assertThat(c.registry().cache().orElseThrow().maxEntries()).isEqualTo(1000);
    assertThat(c.registry().cache().orElseThrow().describe())
        .isEqualTo("redis://cache.example:6380/2");
    assertThat(
            StoreConfig.resolve(Overrides.NONE, Map.of("IDMINTER_DB_URL", "jdbc:h2:mem:x"))
                .registry())
        .isEqualTo(RegistrySettings.DEFAULT);
    assertThatThrownBy(
            () ->
                StoreConfig.resolve(
                    Overrides.NONE,
                    Map.of(
                        "IDMINTER_DB_URL", "jdbc:h2:mem:x",
                        "IDMINTER_CACHE_URL", "http://cache:6379",
                        "IDMINTER_QID_PREFIXES", "Q=item,Z=item",
                        "IDMINTER_CACHE_SIZE", "0")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("3 bad configuration values")
        .hasMessageContaining(
            "bad value for IDMINTER_CACHE_URL (--cache): 'http://cache:6379' (expected memory, or"
                + " redis://")
        .hasMessageContaining("bad value for IDMINTER_QID_PREFIXES: two prefixes for item")
        .hasMessageContaining("bad value for IDMINTER_CACHE_SIZE: '0' (expected at least 1");
  }

  @Test
  void aPoolOfOneConnectionIsRefusedBecauseAMigrationHoldsOneForItsLock() {
    assertThatThrownBy(
            () ->
                StoreConfig.resolve(
                    Overrides.NONE,
                    Map.of("IDMINTER_DB_URL", "jdbc:h2:mem:x", "IDMINTER_DB_MAX_CONNECTIONS", "1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("IDMINTER_DB_MAX_CONNECTIONS")
        .hasMessageContaining("'1' (expected at least 2");
  }

  @Test
  void everyBadValueIsReportedAtOnceEachNamingItsVariableAndOption() {
    assertThatThrownBy(
            () ->
                StoreConfig.resolve(
                    Overrides.NONE,
                    Map.of(
                        "IDMINTER_POOL_LOW_WATER", "-1",
                        "IDMINTER_AUTO_TOP_UP", "nope",
                        "IDMINTER_DB_MAX_CONNECTIONS", "0",
                        "IDMINTER_LOG_LEVEL", "LOUD",
                        "IDMINTER_ONTOLOGY_TYPES", "Manifestation, bad type")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("5 bad configuration values:")
        .hasMessageContaining(
            "bad value for IDMINTER_AUTO_TOP_UP (--no-auto-top-up): 'nope' (expected true or false)")
        .hasMessageContaining("IDMINTER_POOL_LOW_WATER (--pool-low-water)")
        .hasMessageContaining("must be 0 or more, was -1")
        .hasMessageContaining("bad value for IDMINTER_DB_MAX_CONNECTIONS: '0' (expected at least 2")
        .hasMessageContaining("bad value for IDMINTER_LOG_LEVEL: 'LOUD' (expected one of DEBUG,")
        .hasMessageContaining("bad ontology type 'bad type'");
  }

  @Test
  void theEmbeddedDefaultIsPerUserNeverTheWorkingDirectory() {
    assertThat(
            StoreConfig.resolve(Overrides.NONE, Map.of("XDG_DATA_HOME", "/srv/data"))
                .embeddedDirectory())
        .contains(Path.of("/srv/data/idminter"));
    assertThat(StoreConfig.resolve(Overrides.NONE, Map.of("HOME", "/home/u")).embeddedDirectory())
        .contains(Path.of("/home/u/.local/share/idminter"));
    // A relative XDG_DATA_HOME is invalid by the specification: ignored.
    assertThat(
            StoreConfig.resolve(Overrides.NONE, Map.of("XDG_DATA_HOME", "rel", "HOME", "/home/u"))
                .embeddedDirectory())
        .contains(Path.of("/home/u/.local/share/idminter"));
  }

  @Test
  void ontologyTypesAreAKnownCaseSensitiveSetExtendableByConfiguration() {
    StoreConfig standard =
        StoreConfig.resolve(Overrides.NONE, Map.of("IDMINTER_DATA_DIR", "/tmp/x"));
    assertThatThrownBy(
            () -> standard.ontologyTypes().requireKnown(SourceIdentifier.parse("work[a/b]")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "unknown ontology type 'work' in work[a/b]: types are case-sensitive, one of Agent, Concept,");
    standard.ontologyTypes().requireKnown(SourceIdentifier.parse("Person[a/b]"));
    StoreConfig extended =
        StoreConfig.resolve(
            Overrides.NONE,
            Map.of(
                "IDMINTER_DATA_DIR", "/tmp/x", "IDMINTER_ONTOLOGY_TYPES", "Manifestation, Event"));
    extended.ontologyTypes().requireKnown(SourceIdentifier.parse("Event[a/b]"));
    assertThat(extended.ontologyTypes().known()).hasSize(14);
  }

  @Test
  void anEmbeddedDatabaseInAPlaceThatCannotBeWrittenIsOpenedReadOnlyForReading(
      @org.junit.jupiter.api.io.TempDir Path dir) {
    StoreConfig writable = StoreConfig.embedded(dir);
    SourceIdentifier key = SourceIdentifier.parse("Work[s/1]");
    org.idminter.core.CanonicalId id;
    try (IdStore store = IdStore.builder(writable, new java.util.Random(1)).open()) {
      id = store.minter().mint(List.of(org.idminter.core.MintRequest.of(key))).get(key);
    }
    StoreConfig readOnly = writable.existingOnly(p -> false);
    assertThat(readOnly.jdbcUrl()).contains(";ACCESS_MODE_DATA=r").doesNotContain("AUTO_SERVER");
    assertThat(readOnly.applyMigrations()).isFalse();
    try (IdStore store = IdStore.builder(readOnly, new java.util.Random(1)).open()) {
      assertThat(store.minter().lookup(List.of(key)).found()).containsEntry(key, id);
      assertThatThrownBy(
              () ->
                  store
                      .minter()
                      .mint(
                          List.of(
                              org.idminter.core.MintRequest.of(
                                  SourceIdentifier.parse("Work[s/2]")))))
          .isInstanceOf(org.idminter.core.IdMinterException.class);
    }
  }
}
