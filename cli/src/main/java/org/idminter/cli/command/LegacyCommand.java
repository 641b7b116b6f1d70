package org.idminter.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.MigrationOptions;
import org.idminter.cli.support.Progress;
import org.idminter.cli.support.Version;
import org.idminter.migrate.legacy.ApplyOptions;
import org.idminter.migrate.legacy.LegacyMigration;
import org.idminter.migrate.legacy.LegacyReport;
import org.idminter.migrate.legacy.Plan;
import org.idminter.migrate.legacy.Refusal;
import org.idminter.migrate.legacy.Results;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Moving a legacy 1:1 identifiers database to the RFC 083 schema. */
@Command(
    name = "legacy",
    mixinStandardHelpOptions = true,
    description = "Move a legacy 1:1 identifiers table to the RFC 083 schema without losing a row.",
    subcommands = {
      LegacyCommand.LoadCsv.class,
      LegacyCommand.PlanCmd.class,
      LegacyCommand.Apply.class,
      LegacyCommand.Verify.class,
      LegacyCommand.Rollback.class
    })
public final class LegacyCommand {
  /** Options every legacy subcommand shares. */
  static final class Common {
    @Mixin DatabaseOptions database;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Mixin MigrationOptions migration;

    /**
     * Where the command prints its text results: picocli's writer, flushed by the root command;
     * with --json, nowhere (the report is printed instead).
     */
    PrintWriter out() {
      return migration.out(mixee);
    }

    /** Runs work with a store opened as found (never auto-migrated) and writes the report. */
    int run(String mode, Work work) {
      int chunk = migration.chunk(mixee);
      StoreConfig c = database.config();
      Clock clock = Clock.systemUTC();
      StoreConfig asIs =
          new StoreConfig(c.jdbcUrl(), c.user(), c.password(), false, c.pool(), c.maxConnections());
      // Only load-csv may create an embedded database; the others need one with a legacy table.
      try (IdStore store =
          mode.equals("load-csv") ? database.open(asIs) : DatabaseOptions.openExisting(asIs)) {
        LegacyMigration m =
            new LegacyMigration(store, clock, migration.lockTtl(), chunk, new SecureRandom());
        LegacyReport report =
            new LegacyReport(m.runId(), Version.current(), mode, store.describe(), clock);
        return migration.reported(
            mixee, "legacy", mode, report, m.runId(), clock, () -> work.run(m, report));
      }
    }
  }

  @FunctionalInterface
  interface Work {
    int run(LegacyMigration migration, LegacyReport report);
  }

  @Command(
      name = "load-csv",
      header = "Load a CSV into a legacy 1:1 identifiers table (demos and tests).",
      mixinStandardHelpOptions = true,
      description =
          "Create the legacy table if missing and load rows from a CSV (CanonicalId, OntologyType, SourceSystem,"
              + " SourceId in any order), in one transaction.")
  static final class LoadCsv implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "load-csv",
          (m, report) -> {
            Results.Loaded loaded = m.loadCsv(file, new Progress("loading " + file.getFileName()));
            common
                .out()
                .printf("loaded %d row(s) from %s into the legacy table%n", loaded.rows(), file);
            report
                .put("rows", loaded.rows())
                .outcome("loaded", "loaded " + loaded.rows() + " row(s)");
            return ExitCodes.OK;
          });
    }
  }

  @Command(
      name = "plan",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ./idminter legacy plan --db jdbc:mysql://db:3306/identifiers --db-user id_minter"
      },
      header = "Dry run of the legacy migration; writes nothing.",
      mixinStandardHelpOptions = true,
      description =
          "Dry run: counts, refused rows and why, the source fingerprint, and what apply will do. Writes nothing"
              + " to the database.")
  static final class PlanCmd implements Callable<Integer> {
    @Option(names = "--skip-refused", description = "Plan as apply --skip-refused would run.")
    boolean skipRefused;

    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "plan",
          (m, report) -> {
            Plan p = m.plan(skipRefused);
            StringBuilder out = new StringBuilder();
            out.append(
                String.format(
                    "source: %,d rows, checksum %s%n", p.source().rows(), p.source().checksum()));
            out.append("rows per source system and ontology type:\n");
            p.counts()
                .forEach(
                    (system, types) ->
                        types.forEach(
                            (type, n) ->
                                out.append(
                                    String.format("  %-40s %-14s %,12d%n", system, type, n))));
            out.append(String.format("refused rows: %,d%n", p.refused().size()));
            for (Refusal r : p.refused()) {
              out.append("  ")
                  .append(r.row().canonicalId())
                  .append('\t')
                  .append(r.row().key())
                  .append('\t')
                  .append(r.reason())
                  .append('\n');
            }
            out.append("apply will:\n");
            for (int i = 0; i < p.steps().size(); i++) {
              out.append("  ").append(i + 1).append(". ").append(p.steps().get(i)).append('\n');
            }
            out.append(
                p.refused().isEmpty() || skipRefused
                    ? "ready: `idminter legacy apply --expect-checksum "
                        + p.source().checksum()
                        + (skipRefused ? " --skip-refused" : "")
                        + "` migrates "
                        + String.format("%,d", p.migratable())
                        + " row(s)\n"
                    : "apply would refuse: fix the refused rows, or pass --skip-refused to skip them\n");
            common.out().print(out);
            report
                .plan(p)
                .outcome(
                    p.refused().isEmpty() ? "ready" : "refused rows",
                    p.refused().size() + " refused row(s)");
            return ExitCodes.OK;
          });
    }
  }

  @Command(
      name = "apply",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ./idminter legacy apply --skip-refused --expect-checksum 00a1b2c3d4e5f607 --pregenerate 100000"
      },
      header = "Migrate the legacy table to the RFC 083 schema; resumable, verified, atomic.",
      mixinStandardHelpOptions = true,
      description =
          "Copy the legacy table into the RFC 083 schema, verify it, and swap with an atomic rename (the legacy table is kept as identifiers_old). Safe to run again after any interruption; refuses, writing nothing, when rows would be refused, the source changed, another migration holds the lock, the database is not in the legacy shape, or the source is empty.")
  static final class Apply implements Callable<Integer> {
    @Option(
        names = "--pregenerate",
        paramLabel = "N",
        defaultValue = "0",
        description = "Then make sure N free IDs exist.")
    long pregenerate;

    @Option(
        names = "--skip-refused",
        description = "Skip rows that would be refused; each is listed in the report.")
    boolean skipRefused;

    @Option(names = "--allow-empty", description = "Migrate an empty legacy table.")
    boolean allowEmpty;

    @Option(
        names = "--expect-checksum",
        paramLabel = "CHECKSUM",
        description =
            "Refuse unless the source still has this fingerprint checksum (printed by plan).")
    String expectChecksum;

    @Option(
        names = "--max-load",
        paramLabel = "N",
        description =
            "Pause the copy while the server is busier than N (MySQL/MariaDB Threads_running,"
                + " PostgreSQL active backends), as online schema change tools do; the migration"
                + " lock is kept meanwhile (default: no limit).")
    Long maxLoad;

    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "apply",
          (m, report) -> {
            Results.Applied a =
                m.apply(
                    new ApplyOptions(
                        skipRefused,
                        allowEmpty,
                        pregenerate,
                        Optional.ofNullable(expectChecksum),
                        Optional.ofNullable(maxLoad)),
                    new Progress("copying"));
            common.out().println(a.message());
            if (!a.stepMillis().isEmpty()) {
              common.out().println("step timings:");
              a.stepMillis()
                  .forEach((step, ms) -> common.out().printf("  %-12s %,10d ms%n", step, ms));
            }
            report.applied(a).outcome(a.outcome(), a.message());
            return ExitCodes.OK;
          });
    }
  }

  @Command(
      name = "verify",
      header = "Prove every legacy row resolves to its canonical ID in the new schema.",
      mixinStandardHelpOptions = true,
      description =
          "Prove every legacy row resolves to the same canonical ID in the new schema; exit 0 only then.")
  static final class Verify implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "verify",
          (m, report) -> {
            Results.Verified v = m.verify();
            common
                .out()
                .printf(
                    "legacy rows %d: %d verified, %d skipped at apply (refused), %d mismatched%n",
                    v.legacyRows(), v.verified(), v.skipped(), v.mismatches().size());
            v.mismatches().stream().limit(20).forEach(x -> common.out().println("  " + x));
            report
                .verified(v)
                .outcome(
                    v.ok() ? "verified" : "mismatches", v.mismatches().size() + " mismatch(es)");
            return v.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
          });
    }
  }

  @Command(
      name = "rollback",
      header = "Restore the legacy table while nothing has been minted since the swap.",
      mixinStandardHelpOptions = true,
      description =
          "Restore the legacy table while identifiers_old exists and nothing has been minted since the swap.")
  static final class Rollback implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "rollback",
          (m, report) -> {
            String message = m.rollback();
            common.out().println(message);
            report.outcome("rolled back", message);
            return ExitCodes.OK;
          });
    }
  }
}
