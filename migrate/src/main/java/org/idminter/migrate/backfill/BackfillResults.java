package org.idminter.migrate.backfill;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the backfill's commands return. */
public final class BackfillResults {
  private BackfillResults() {}

  /**
   * apply's outcome: rows before apply and now, rows it filled, rows that kept their value, what
   * verify found when apply ended, where the SQLite backup is, step timings, and a message.
   */
  public record Applied(
      String outcome,
      long rowsBefore,
      long rowsNow,
      long filled,
      long kept,
      Verified verified,
      Optional<String> backup,
      Map<String, Long> stepMillis,
      String message) {}

  /**
   * verify's findings over every row: rows now and before apply, rows without a value, with an
   * invalid one, sharing one, rows that existed when apply began and are gone, whether the unique
   * index is in place, and the first problems found.
   */
  public record Verified(
      long rowsNow,
      Optional<Long> rowsBefore,
      long missing,
      long invalid,
      long repeated,
      Optional<Long> lost,
      boolean uniqueIndex,
      List<String> problems) {
    public Verified {
      problems = List.copyOf(problems);
    }

    public boolean passed() {
      return missing == 0 && invalid == 0 && repeated == 0 && lost.orElse(0L) == 0 && uniqueIndex;
    }
  }
}
