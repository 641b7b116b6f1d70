package org.idminter.migrate.legacy;

import java.util.List;
import java.util.Map;
import org.idminter.migrate.engine.Fingerprint;

/**
 * The dry run's findings: the source's fingerprint, row counts per source system and ontology type,
 * the rows that would be refused, and what apply will do.
 */
public record Plan(
    Fingerprint source,
    Map<String, Map<String, Long>> counts,
    List<Refusal> refused,
    List<String> steps) {
  public Plan {
    counts = Map.copyOf(counts);
    refused = List.copyOf(refused);
    steps = List.copyOf(steps);
  }

  /** Rows apply copies when refused rows are skipped. */
  public long migratable() {
    return source.rows() - refused.size();
  }
}
