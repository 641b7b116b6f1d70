package org.idminter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
import org.idminter.store.StoreConfig.Overrides;
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
            Optional.of(50));
    StoreConfig c =
        StoreConfig.resolve(
            o, Map.of("IDMINTER_DB_URL", "jdbc:h2:mem:x", "IDMINTER_DB_PASSWORD", "p"));
    assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    assertThat(c.password()).contains("p");
    assertThat(c.pool()).isEqualTo(new PoolPolicy(false, 5, 50));
    assertThat(c.applyMigrations()).isTrue();
  }

  @Test
  void badValuesFailNamingTheVariableAndValue() {
    assertThatThrownBy(
            () -> StoreConfig.resolve(Overrides.NONE, Map.of("APPLY_MIGRATIONS", "maybe")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("bad value for APPLY_MIGRATIONS: 'maybe' (expected true or false)");
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
  void aPoolOfOneConnectionIsRefusedBecauseAMigrationHoldsOneForItsLock() {
    assertThatThrownBy(
            () ->
                StoreConfig.resolve(
                    Overrides.NONE,
                    Map.of("IDMINTER_DB_URL", "jdbc:h2:mem:x", "IDMINTER_DB_MAX_CONNECTIONS", "1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("IDMINTER_DB_MAX_CONNECTIONS")
        .hasMessageContaining("at least 2, was 1");
  }
}
