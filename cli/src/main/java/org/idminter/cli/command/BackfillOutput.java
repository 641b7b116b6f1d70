package org.idminter.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.idminter.migrate.backfill.BackfillPlan;
import org.idminter.migrate.backfill.BackfillResults;
import org.idminter.migrate.backfill.BackfillSpec;
import org.idminter.migrate.engine.MigrationReport;

/** How the backfill commands' results read: the text summary and the report's fields. */
final class BackfillOutput {
  /** Refused rows a summary lists (the report has all the plan lists). */
  private static final int SHOWN = 20;

  private BackfillOutput() {}

  static Map<String, Object> spec(BackfillSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", spec.table());
    m.put("column", spec.column());
    m.put("scheme", spec.scheme().word());
    m.put("time_column", spec.timeColumn().orElse(null));
    return m;
  }

  static void plan(MigrationReport report, BackfillPlan p) {
    report.source(p.source());
    report.put("key", p.key());
    report.put("column_exists", p.columnExists());
    report.put("rows", p.rows());
    report.put("rows_to_fill", p.toFill());
    report.put("rows_kept", p.kept());
    report.put("refused_count", p.refusedCount());
    report.put(
        "refused",
        p.refused().stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("key", r.key());
                  m.put("reason", r.reason());
                  return m;
                })
            .toList());
    report.put("steps", p.steps());
    report.outcome(
        p.refusedCount() == 0 ? "ready" : "refused rows",
        p.refusedCount() + " row(s) would be refused");
  }

  static String planSummary(BackfillPlan p) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("table: %s (paged by %s)%n", p.table(), p.key()));
    out.append(String.format("source: %s%n", p.source()));
    out.append(String.format("rows: %,d%n", p.rows()));
    out.append(String.format("rows to fill: %,d%n", p.toFill()));
    out.append(String.format("rows keeping the valid value they hold: %,d%n", p.kept()));
    out.append(String.format("refused rows: %,d%n", p.refusedCount()));
    p.refused().stream()
        .limit(SHOWN)
        .forEach(
            r -> out.append("  ").append(r.key()).append('\t').append(r.reason()).append('\n'));
    if (p.refused().size() > SHOWN) {
      out.append("  … (the report lists ").append(p.refused().size()).append(")\n");
    }
    out.append("apply will:\n");
    for (int i = 0; i < p.steps().size(); i++) {
      out.append("  ").append(i + 1).append(". ").append(p.steps().get(i)).append('\n');
    }
    return out.toString();
  }

  static void applied(MigrationReport report, BackfillResults.Applied a) {
    report.put("rows_before", a.rowsBefore());
    report.put("rows_now", a.rowsNow());
    report.put("rows_filled", a.filled());
    report.put("rows_kept", a.kept());
    report.put("backup", a.backup().orElse(null));
    report.put("verified", a.verified().passed());
    report.put("problems", a.verified().problems());
    report.timings(a.stepMillis());
    report.outcome(a.outcome(), a.message());
  }

  static String appliedSummary(BackfillResults.Applied a) {
    StringBuilder out = new StringBuilder(a.message()).append('\n');
    out.append(
        String.format(
            "rows before apply: %,d; now: %,d; filled: %,d; kept: %,d%n",
            a.rowsBefore(), a.rowsNow(), a.filled(), a.kept()));
    a.backup()
        .ifPresent(b -> out.append("backup of the file before apply: ").append(b).append('\n'));
    if (!a.stepMillis().isEmpty()) {
      out.append("step timings (ms):\n");
      a.stepMillis().forEach((s, ms) -> out.append(String.format("  %-40s %,12d%n", s, ms)));
    }
    return out.toString();
  }

  static void verified(MigrationReport report, BackfillResults.Verified v) {
    report.put("rows_now", v.rowsNow());
    report.put("rows_before", v.rowsBefore().orElse(null));
    report.put("rows_missing_a_value", v.missing());
    report.put("rows_with_an_invalid_value", v.invalid());
    report.put("rows_sharing_a_value", v.repeated());
    report.put("rows_lost", v.lost().orElse(null));
    report.put("unique_index", v.uniqueIndex());
    report.put("problems", v.problems());
    report.outcome(
        v.passed() ? "verified" : "failures",
        v.passed() ? "every row holds a valid, unique value" : v.problems().get(0));
  }

  static String verifiedSummary(BackfillResults.Verified v) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "rows: %,d now%s%n",
            v.rowsNow(),
            v.rowsBefore().map(b -> String.format(", %,d before apply", b)).orElse("")));
    out.append(String.format("rows without a value: %,d%n", v.missing()));
    out.append(String.format("rows with an invalid value: %,d%n", v.invalid()));
    out.append(String.format("rows sharing a value: %,d%n", v.repeated()));
    v.lost().ifPresent(n -> out.append(String.format("rows gone since apply began: %,d%n", n)));
    out.append("unique index: ").append(v.uniqueIndex() ? "in place" : "MISSING").append('\n');
    v.problems().forEach(x -> out.append("  ").append(x).append('\n'));
    out.append(v.passed() ? "verified\n" : "NOT verified\n");
    return out.toString();
  }
}
