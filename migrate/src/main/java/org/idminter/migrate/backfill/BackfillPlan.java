package org.idminter.migrate.backfill;

import java.util.List;
import org.idminter.migrate.engine.Fingerprint;

/**
 * What a backfill would do, found without writing: the rows, those apply fills and those that keep
 * the valid value they hold, the rows it refuses and why (an unreadable time, an invalid or
 * repeated value already in the column), the table's fingerprint, and the steps apply takes.
 */
public record BackfillPlan(
    String table,
    String key,
    boolean columnExists,
    boolean uniqueIndexExists,
    long rows,
    long toFill,
    long kept,
    long refusedCount,
    List<Refused> refused,
    Fingerprint source,
    List<String> steps) {

  /** A row apply would refuse: its key, and why. */
  public record Refused(String key, String reason) {}

  public BackfillPlan {
    refused = List.copyOf(refused);
    steps = List.copyOf(steps);
  }
}
