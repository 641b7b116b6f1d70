package org.idminter.migrate.rekey;

import java.util.List;
import java.util.Map;
import org.idminter.migrate.engine.Fingerprint;

/**
 * What a rekey plan found, writing nothing: the source's fingerprint (the parent's external IDs,
 * every table's row count, and each child's referencing values with their row counts), rows per
 * table, entities per type, the rows apply would refuse (first {@link RekeyPlanner#LISTED} of each
 * kind listed, all counted), entities already in the registry (kept, never renumbered), and the
 * steps apply will take.
 */
public record RekeyPlan(
    Fingerprint source,
    Map<String, Long> rowsPerTable,
    Map<String, Long> entitiesPerType,
    long alreadyRegistered,
    long refusedCount,
    List<Refused> refused,
    List<String> steps) {
  public RekeyPlan {
    rowsPerTable = Map.copyOf(rowsPerTable);
    entitiesPerType = Map.copyOf(entitiesPerType);
    refused = List.copyOf(refused);
    steps = List.copyOf(steps);
  }

  /** A refused row: its table, the external ID it holds (or null), how many rows, and why. */
  public record Refused(String table, String externalId, long rows, String reason) {}
}
