package org.idminter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.idminter.pipeline.testing.Fuzz;
import org.idminter.pipeline.testing.HostileCsv;
import org.idminter.pipeline.testing.HostileWorks;
import org.idminter.store.IdStore;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small version of {@code bench/run --parts fuzz}: seeded hostile works and CSV rows on H2; no
 * crash, no lost work or row, no changed byte, no input misjudged.
 */
class HostileFuzzIT {
  private static final TestDatabase DB = TestDatabases.h2();

  @Test
  void hostileWorksAndCsvRowsNeitherCrashNorLoseNorChangeAnything(@TempDir Path dir) {
    DB.reset();
    try (IdStore store = IdStore.builder(DB.config(), new Random(11)).open()) {
      Fuzz.Findings works = Fuzz.works(store.minter(), HostileWorks.generate(20261201L, 2_000));
      assertThat(works.examples()).isEmpty();
      assertThat(works.clean()).isTrue();
      assertThat(works.inputs()).isEqualTo(2_000);

      Fuzz.Findings csv = Fuzz.csv(store, dir, HostileCsv.generate(20261201L, 40, 25));
      assertThat(csv.examples()).isEmpty();
      assertThat(csv.clean()).isTrue();
      assertThat(csv.inputs()).isEqualTo(1_000);
    }
    InvariantChecker.check(DB);
  }
}
