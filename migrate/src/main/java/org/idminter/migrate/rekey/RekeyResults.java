package org.idminter.migrate.rekey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the rekey commands report. */
public final class RekeyResults {
  private RekeyResults() {}

  /** An unmodifiable copy that keeps the order given (tables in spec order). */
  private static <K, V> Map<K, V> ordered(Map<K, V> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * How apply may proceed: move refused rows aside (each table's skipped rows kept in its own
   * table), refuse unless the source still has a plan's checksum, pause while the server is busier
   * than {@code maxLoad}.
   */
  public record Options(
      boolean skipRefused, Optional<String> expectChecksum, Optional<Long> maxLoad) {
    public static final Options DEFAULT = new Options(false, Optional.empty(), Optional.empty());
  }

  /** Rows per table before apply, now, and moved aside as skipped. */
  public record Counts(Map<String, Long> before, Map<String, Long> now, Map<String, Long> skipped) {
    public Counts {
      before = ordered(before);
      now = ordered(now);
      skipped = ordered(skipped);
    }

    /** True when every table's rows before equal its rows now plus those skipped. */
    public boolean conserved() {
      return before.entrySet().stream()
          .allMatch(
              e ->
                  e.getValue()
                      == now.getOrDefault(e.getKey(), 0L) + skipped.getOrDefault(e.getKey(), 0L));
    }
  }

  /** A value skipped by apply: its table, the external ID (or null) and how many rows held it. */
  public record Skipped(String table, String keptIn, String externalId, long rows) {}

  /** apply: entities by outcome, rows, skipped rows, timings, and how it ended. */
  public record Applied(
      String outcome,
      Map<String, Long> entities,
      Counts counts,
      List<Skipped> skipped,
      Map<String, Long> stepMillis,
      String message) {
    public Applied {
      entities = ordered(entities);
      skipped = List.copyOf(skipped);
      stepMillis = ordered(stepMillis);
    }
  }

  /** verify: rows per table, rows proven, failures (listed up to a bound), and the counts. */
  public record Verified(
      Map<String, Long> verifiedPerTable, long failures, List<String> problems, Counts counts) {
    public Verified {
      verifiedPerTable = ordered(verifiedPerTable);
      problems = List.copyOf(problems);
    }

    public boolean passed() {
      return failures == 0;
    }
  }
}
