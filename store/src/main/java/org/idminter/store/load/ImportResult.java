package org.idminter.store.load;

import java.util.List;

/**
 * What an import did. {@code contradictions} lists rows that disagree with a stored mapping (or
 * with an earlier row): they were reported and nothing was overwritten.
 */
public record ImportResult(long rows, long inserted, long unchanged, List<String> contradictions) {
  public ImportResult {
    contradictions = List.copyOf(contradictions);
  }
}
