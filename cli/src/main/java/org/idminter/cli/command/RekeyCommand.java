package org.idminter.cli.command;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.ReportFiles;
import org.idminter.cli.support.Usage;
import org.idminter.cli.support.Version;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.MigrationReport;
import org.idminter.migrate.engine.RunIdentity;
import org.idminter.migrate.rekey.RekeyPlan;
import org.idminter.migrate.rekey.RekeyPlanner;
import org.idminter.migrate.rekey.RekeySpec;
import org.idminter.store.IdStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Moving tables keyed by external IDs onto 64-bit internal keys (so far: the plan). */
@Command(
    name = "rekey",
    header = "Move tables keyed by external IDs (Q42) onto 64-bit internal keys.",
    mixinStandardHelpOptions = true,
    description =
        "Rekey tables keyed by external IDs onto flake64 internal IDs registered in"
            + " entity_id_mapping. So far the plan (a dry run); apply, verify, rollback and finish"
            + " are not built yet.",
    subcommands = {RekeyCommand.PlanCmd.class})
public final class RekeyCommand {
  @Command(
      name = "plan",
      header = "Dry run of a rekey migration; writes nothing.",
      mixinStandardHelpOptions = true,
      description =
          "Reads the tables the spec names, writing nothing: rows per table, entities per type,"
              + " entities already registered (kept), rows apply would refuse and why (unknown"
              + " prefix, malformed external ID, orphan child rows, a registered type or internal"
              + " ID that disagrees), the source fingerprint, and what apply will do. Exit 0 when"
              + " nothing would be refused, 3 when some rows would be.",
      footerHeading = "%nExamples:%n",
      footer = {"  ./idminter rekey plan --spec rekey.json --db jdbc:mariadb://db:3306/wiki"})
  static final class PlanCmd implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec.")
    Path specFile;

    @Option(
        names = "--report",
        paramLabel = "FILE",
        description =
            "Where to write the JSON report (default: idminter-reports/rekey-plan-TIME-RUN.json).")
    Path reportFile;

    @Option(
        names = "--chunk",
        paramLabel = "N",
        defaultValue = "10000",
        description = "External IDs read per statement (default 10000).")
    int chunk;

    @Option(names = "--json", description = "Print the report on stdout instead of the summary.")
    boolean json;

    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Usage.positive(spec, "--chunk", chunk, "external IDs per statement");
      RekeySpec rekey = Usage.checked(spec, () -> RekeySpec.read(specFile));
      Clock clock = Clock.systemUTC();
      String runId = RunIdentity.create(new SecureRandom()).runId();
      try (IdStore store = database.openExisting()) {
        MigrationReport report =
            new MigrationReport(runId, Version.current(), "plan", store.describe(), clock);
        report.put("spec", specFile.toString());
        Path file =
            reportFile != null ? reportFile : ReportFiles.defaultFile("rekey-plan", clock, runId);
        try {
          RekeyPlan plan = new RekeyPlanner(store.database(), chunk).plan(rekey);
          describe(report, plan);
          if (!json) {
            spec.commandLine().getOut().print(summary(plan));
          }
          return plan.refusedCount() == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
        } catch (IdMinterException e) {
          report.failed(e);
          throw e;
        } finally {
          spec.commandLine().getErr().println("idminter: report written to " + report.write(file));
          if (json) {
            spec.commandLine().getOut().println(report.json());
          }
        }
      }
    }

    private static void describe(MigrationReport report, RekeyPlan p) {
      report.source(p.source());
      report.put("rows_per_table", p.rowsPerTable());
      report.put("entities_per_type", p.entitiesPerType());
      report.put("already_registered", p.alreadyRegistered());
      report.put("refused_count", p.refusedCount());
      List<Map<String, Object>> refused =
          p.refused().stream()
              .map(
                  r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("table", r.table());
                    m.put("external_id", r.externalId());
                    m.put("rows", r.rows());
                    m.put("reason", r.reason());
                    return m;
                  })
              .toList();
      report.put("refused", refused);
      report.put("steps", p.steps());
      report.outcome(
          p.refusedCount() == 0 ? "ready" : "refused rows",
          p.refusedCount() + " row(s) would be refused");
    }

    private static String summary(RekeyPlan p) {
      StringBuilder out = new StringBuilder();
      out.append(String.format("source: %s%n", p.source()));
      out.append("rows per table:\n");
      p.rowsPerTable().forEach((t, n) -> out.append(String.format("  %-40s %,12d%n", t, n)));
      out.append("entities per type:\n");
      new java.util.TreeMap<>(p.entitiesPerType())
          .forEach((t, n) -> out.append(String.format("  %-40s %,12d%n", t, n)));
      out.append(
          String.format(
              "already registered (kept, never renumbered): %,d%n", p.alreadyRegistered()));
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
      out.append("apply will (not built yet):\n");
      for (int i = 0; i < p.steps().size(); i++) {
        out.append("  ").append(i + 1).append(". ").append(p.steps().get(i)).append('\n');
      }
      return out.toString();
    }
  }
}
