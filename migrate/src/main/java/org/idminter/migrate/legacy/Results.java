package org.idminter.migrate.legacy;

import java.util.List;
import java.util.Map;
import org.idminter.migrate.engine.Fingerprint;

/** What the legacy commands report. */
public final class Results {
  private Results() {}

  /** apply: what was copied and skipped, where it ended, and how long each step took. */
  public record Applied(
      String outcome,
      Fingerprint source,
      long migrated,
      List<Refusal> skipped,
      Map<String, Long> stepMillis,
      String message) {
    public Applied {
      skipped = List.copyOf(skipped);
      stepMillis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepMillis));
    }
  }

  /** verify: every legacy row checked through the minter's own lookup. */
  public record Verified(long legacyRows, long verified, long skipped, List<String> mismatches) {
    public Verified {
      mismatches = List.copyOf(mismatches);
    }

    public boolean ok() {
      return mismatches.isEmpty() && verified + skipped == legacyRows;
    }
  }

  /** load-csv: rows loaded into the legacy table. */
  public record Loaded(long rows) {}
}
