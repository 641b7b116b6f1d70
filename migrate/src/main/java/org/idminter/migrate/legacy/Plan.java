package org.idminter.migrate.legacy;

import static java.util.Collections.unmodifiableMap;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    // Sorted, so a plan prints and reports in the same order every time.
    Map<String, Map<String, Long>> sorted = new TreeMap<>();
    counts.forEach((system, types) -> sorted.put(system, unmodifiableMap(new TreeMap<>(types))));
    counts = unmodifiableMap(sorted);
    refused =
        refused.stream()
            .sorted(
                Comparator.comparing((Refusal r) -> String.valueOf(r.row().canonicalId()))
                    .thenComparing(r -> r.row().key()))
            .toList();
    steps = List.copyOf(steps);
  }

  /** Rows apply copies when refused rows are skipped. */
  public long migratable() {
    return source.rows() - refused.size();
  }
}
