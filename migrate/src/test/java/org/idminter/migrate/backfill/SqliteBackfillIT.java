package org.idminter.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.idminter.core.ProgressListener;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class SqliteBackfillIT extends BackfillDuringApplyContract {
  private static final TestDatabase DB = TestDatabases.sqlite();

  @Override
  protected TestDatabase database() {
    return DB;
  }

  @Test
  void applyCopiesTheFileBesideItselfFirstAndTheCopyHoldsTheTableAsBefore() {
    seed();
    BackfillResults.Applied a =
        migration(open(), JOBS, T0).apply(Optional.empty(), ProgressListener.NONE);
    Path copy = Path.of(a.backup().orElseThrow());
    Path file = Path.of(DB.url().substring("jdbc:sqlite:".length()));
    assertThat(copy.getParent()).isEqualTo(file.getParent());
    assertThat(copy.getFileName().toString()).startsWith("target.db.before-backfill-");
    assertThat(Files.exists(copy)).isTrue();
    BackfillFixture before =
        new BackfillFixture(new TestDatabase("SQLite", "jdbc:sqlite:" + copy, "", ""));
    assertThat(before.count("SELECT COUNT(*) FROM jobs")).isEqualTo(BackfillFixture.JOBS);
    assertThat(before.hasColumn("jobs", "ulid")).isFalse();
    assertThat(before.hasColumn("idminter_backfill_state", "Phase")).isFalse();
    // A second apply finds the work done and copies nothing more.
    assertThat(apply(open(), T0.plusSeconds(1))).isEqualTo("already applied");
    assertThat(migration(open(), JOBS, T0).apply(Optional.empty(), ProgressListener.NONE).backup())
        .contains(copy.toString());
  }
}
