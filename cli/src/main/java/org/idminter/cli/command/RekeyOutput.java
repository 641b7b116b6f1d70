package org.idminter.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.idminter.migrate.engine.MigrationReport;
import org.idminter.migrate.rekey.RekeyPlan;
import org.idminter.migrate.rekey.RekeyPlanner;
import org.idminter.migrate.rekey.RekeyResults;

/** How the rekey commands' results read: the text summary and the report's fields. */
final class RekeyOutput {
  private RekeyOutput() {}

  static void plan(MigrationReport report, RekeyPlan p) {
    report.source(p.source());
    report.put("rows_per_table", p.rowsPerTable());
    report.put("entities_per_type", p.entitiesPerType());
    report.put("already_registered", p.alreadyRegistered());
    report.put("refused_count", p.refusedCount());
    report.put(
        "refused",
        p.refused().stream()
            .map(
                r ->
                    row(
                        "table", r.table(),
                        "external_id", r.externalId(),
                        "rows", r.rows(),
                        "reason", r.reason()))
            .toList());
    report.put("steps", p.steps());
    report.outcome(
        p.refusedCount() == 0 ? "ready" : "refused rows",
        p.refusedCount() + " row(s) would be refused");
  }

  static String planSummary(RekeyPlan p) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("source: %s%n", p.source()));
    table(out, "rows per table", p.rowsPerTable());
    table(out, "entities per type", new TreeMap<>(p.entitiesPerType()));
    out.append(
        String.format("already registered (kept, never renumbered): %,d%n", p.alreadyRegistered()));
    out.append(String.format("refused rows: %,d%n", p.refusedCount()));
    for (RekeyPlan.Refused r : p.refused()) {
      out.append(
          String.format(
              "  %s\t%s\t%,d\t%s%n",
              r.table(), r.externalId() == null ? "NULL" : r.externalId(), r.rows(), r.reason()));
    }
    if (p.refused().size() == RekeyPlanner.LISTED) {
      out.append("  … (the first ").append(p.refused().size()).append(" listed)\n");
    }
    out.append("apply will:\n");
    for (int i = 0; i < p.steps().size(); i++) {
      out.append("  ").append(i + 1).append(". ").append(p.steps().get(i)).append('\n');
    }
    return out.toString();
  }

  static void applied(MigrationReport report, RekeyResults.Applied a) {
    report.put("entities", a.entities());
    counts(report, a.counts());
    report.put(
        "skipped",
        a.skipped().stream()
            .map(
                s ->
                    row(
                        "table", s.table(),
                        "kept_in", s.keptIn(),
                        "external_id", s.externalId(),
                        "rows", s.rows()))
            .toList());
    report.timings(a.stepMillis());
    report.outcome(a.outcome(), a.message());
  }

  static String appliedSummary(RekeyResults.Applied a) {
    StringBuilder out = new StringBuilder(a.message()).append('\n');
    table(out, "entities", a.entities());
    counts(out, a.counts());
    if (!a.stepMillis().isEmpty()) {
      out.append("step timings (ms):\n");
      a.stepMillis().forEach((s, ms) -> out.append(String.format("  %-40s %,12d%n", s, ms)));
    }
    return out.toString();
  }

  static void verified(MigrationReport report, RekeyResults.Verified v) {
    report.put("verified_per_table", v.verifiedPerTable());
    report.put("failures", v.failures());
    report.put("problems", v.problems());
    counts(report, v.counts());
    report.outcome(
        v.passed() ? "verified" : "failures", v.failures() + " row(s) do not resolve as before");
  }

  static String verifiedSummary(RekeyResults.Verified v) {
    StringBuilder out = new StringBuilder();
    table(out, "rows verified per table", v.verifiedPerTable());
    counts(out, v.counts());
    out.append(String.format("rows that do not resolve as before: %,d%n", v.failures()));
    v.problems().stream().limit(20).forEach(x -> out.append("  ").append(x).append('\n'));
    return out.toString();
  }

  private static void counts(MigrationReport report, RekeyResults.Counts c) {
    report.put("rows_before", c.before());
    report.put("rows_now", c.now());
    report.put("rows_skipped", c.skipped());
    report.put("conserved", c.conserved());
  }

  private static void counts(StringBuilder out, RekeyResults.Counts c) {
    out.append("rows per table: before apply / now / skipped\n");
    c.now()
        .forEach(
            (t, n) ->
                out.append(
                    String.format(
                        "  %-40s %,12d %,12d %,12d%n",
                        t, c.before().getOrDefault(t, 0L), n, c.skipped().getOrDefault(t, 0L))));
    out.append(
        c.conserved()
            ? "conserved: every table's rows before = rows now + rows skipped\n"
            : "NOT conserved: rows now + skipped differ from before (rows written or deleted"
                + " meanwhile, or lost)\n");
  }

  private static void table(StringBuilder out, String title, Map<String, Long> rows) {
    out.append(title).append(":\n");
    rows.forEach((t, n) -> out.append(String.format("  %-40s %,12d%n", t, n)));
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
