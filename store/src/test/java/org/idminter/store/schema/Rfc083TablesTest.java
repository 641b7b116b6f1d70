package org.idminter.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.idminter.store.dialect.Dialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc083TablesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:h2:mem:x",
        "jdbc:mariadb://h/db",
        "jdbc:mysql://h/db",
        "jdbc:postgresql://h/db"
      })
  void v1sTablesUnderAnotherNameEachCreatedOnlyIfMissing(String url) {
    List<String> sql =
        Rfc083Tables.statements(
            Dialect.forUrl(url),
            Map.of("keyCharset", "utf8mb4", "keyCollation", "utf8mb4_bin"),
            "identifiers_new");
    assertThat(sql)
        .allSatisfy(s -> assertThat(s).containsPattern("^CREATE (TABLE|INDEX) IF NOT EXISTS "));
    assertThat(sql)
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS canonical_ids ("));
    assertThat(sql)
        .anySatisfy(s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS identifiers_new ("));
    assertThat(String.join("\n", sql))
        .doesNotContainPattern("\\bidentifiers\\b(?!_)")
        .doesNotContain("${")
        .doesNotContain("--");
  }
}
