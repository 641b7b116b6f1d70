package org.idminter.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SchemaManager#LATEST_VERSION} is the highest migration of every database's folder. */
class SchemaVersionsTest {
  @ParameterizedTest
  @ValueSource(strings = {"h2", "mysql", "postgresql"})
  void theLatestVersionIsEveryFoldersHighestMigration(String folder)
      throws IOException, URISyntaxException {
    Path dir = Path.of(SchemaManager.class.getResource("/db/migration/" + folder).toURI());
    int highest;
    try (Stream<Path> files = Files.list(dir)) {
      highest =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.matches("V\\d+__.*\\.sql"))
              .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
              .max()
              .orElse(-1);
    }
    assertThat(String.valueOf(highest))
        .as("raise SchemaManager.LATEST_VERSION with a new migration")
        .isEqualTo(SchemaManager.LATEST_VERSION);
  }
}
