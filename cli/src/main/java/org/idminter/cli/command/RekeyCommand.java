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
import org.idminter.cli.support.Usage;
import org.idminter.cli.support.Version;
import org.idminter.migrate.engine.MigrationReport;
import org.idminter.migrate.rekey.RekeyMigration;
import org.idminter.migrate.rekey.RekeyPlan;
import org.idminter.migrate.rekey.RekeyResults;
import org.idminter.migrate.rekey.RekeySpec;
import org.idminter.store.IdStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Moving tables keyed by external IDs onto 64-bit internal keys: plan, apply, verify, etc. */
@Command(
    name = "rekey",
    header = "Move tables keyed by external IDs (Q42) onto 64-bit internal keys.",
    mixinStandardHelpOptions = true,
    description =
        "Rekey tables keyed by external IDs onto flake64 internal IDs registered in"
            + " entity_id_mapping, as an expand/contract migration: plan (writes nothing), apply"
            + " (register, add and fill the new column, switch the keys, keep the old columns),"
            + " verify, rollback (while finish has not run), finish (drop the old columns).",
    subcommands = {
      RekeyCommand.Plan.class,
      RekeyCommand.Apply.class,
      RekeyCommand.Verify.class,
      RekeyCommand.Rollback.class,
      RekeyCommand.Finish.class
    })
public final class RekeyCommand {
  /** Options every rekey subcommand shares. */
  static final class Common {
    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The spec.")
    Path specFile;

    @Mixin MigrationOptions migration;

    @Mixin DatabaseOptions database;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    PrintWriter out() {
      return migration.out(mixee);
    }

    /** Runs work on the existing database and writes the report, whatever the outcome. */
    int run(String mode, Work work) {
      int chunk = migration.chunk(mixee);
      RekeySpec rekey = Usage.checked(mixee, () -> RekeySpec.read(specFile));
      Clock clock = Clock.systemUTC();
      try (IdStore store = database.openExisting()) {
        RekeyMigration m =
            new RekeyMigration(
                store.database(), rekey, clock, migration.lockTtl(), chunk, new SecureRandom());
        MigrationReport report =
            new MigrationReport(m.runId(), Version.current(), mode, store.describe(), clock);
        report.put("spec", specFile.toString());
        return migration.reported(
            mixee, "rekey", mode, report, m.runId(), clock, () -> work.run(m, report));
      }
    }
  }

  @FunctionalInterface
  interface Work {
    int run(RekeyMigration migration, MigrationReport report);
  }

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
  static final class Plan implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "plan",
          (m, report) -> {
            RekeyPlan plan = m.plan();
            RekeyOutput.plan(report, plan);
            common.out().print(RekeyOutput.planSummary(plan));
            return plan.refusedCount() == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
          });
    }
  }

  @Command(
      name = "apply",
      header = "Register every entity, add and fill the new column, switch the keys.",
      mixinStandardHelpOptions = true,
      description =
          "The expand step: registers every entity in entity_id_mapping (registered ones keep"
              + " their internal IDs), adds the new column to every table and fills it in chunks,"
              + " carries over rows written meanwhile, then switches primary and foreign keys to it,"
              + " keeping the old columns. Safe to run again after any interruption. Refuses,"
              + " writing nothing, on refused rows (unless --skip-refused), a changed source"
              + " (--expect-checksum), another migrator holding the lock, or an unexpected shape.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ./idminter rekey apply --spec rekey.json --expect-checksum 00a1b2c3d4e5f607 --db"
            + " jdbc:mariadb://db:3306/wiki"
      })
  static final class Apply implements Callable<Integer> {
    @Option(
        names = "--skip-refused",
        description =
            "Move rows that would be refused into idminter_rekey_skipped_N tables (each listed in"
                + " the report; rollback moves them back).")
    boolean skipRefused;

    @Option(
        names = "--expect-checksum",
        paramLabel = "CHECKSUM",
        description = "Refuse unless the source still has this fingerprint (printed by plan).")
    String expectChecksum;

    @Option(
        names = "--max-load",
        paramLabel = "N",
        description =
            "Pause between chunks while the server is busier than N (MySQL/MariaDB"
                + " Threads_running, PostgreSQL active backends), keeping the lock.")
    Long maxLoad;

    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "apply",
          (m, report) -> {
            RekeyResults.Applied a =
                m.apply(
                    new RekeyResults.Options(
                        skipRefused,
                        Optional.ofNullable(expectChecksum),
                        Optional.ofNullable(maxLoad)),
                    new Progress("rekeying"));
            RekeyOutput.applied(report, a);
            common.out().print(RekeyOutput.appliedSummary(a));
            return ExitCodes.OK;
          });
    }
  }

  @Command(
      name = "verify",
      header = "Prove every row resolves through the mapping to the same entity as before.",
      mixinStandardHelpOptions = true,
      description =
          "Checks every row of every table: its internal ID is the one entity_id_mapping gives its"
              + " external ID. Prints the counts; exit 0 only when every row passes.")
  static final class Verify implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "verify",
          (m, report) -> {
            RekeyResults.Verified v = m.verify();
            RekeyOutput.verified(report, v);
            common.out().print(RekeyOutput.verifiedSummary(v));
            return v.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
          });
    }
  }

  @Command(
      name = "rollback",
      header = "Restore every table exactly as before apply (until finish).",
      mixinStandardHelpOptions = true,
      description =
          "Undoes apply at whatever point it stopped: keys back on the external IDs, the new"
              + " column and indexes dropped, skipped rows moved back. Registered entities stay in"
              + " entity_id_mapping. Refused once finish has begun.")
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

  @Command(
      name = "finish",
      header = "Drop the old columns (irreversible); refused unless verify passes now.",
      mixinStandardHelpOptions = true,
      description =
          "The contract step: verifies every row, then drops the old key indexes and the old"
              + " columns. Irreversible: rollback is impossible afterwards. Needs --confirm.")
  static final class Finish implements Callable<Integer> {
    @Option(names = "--confirm", description = "Confirm the irreversible drop.")
    boolean confirm;

    @Mixin Common common;

    @Override
    public Integer call() {
      if (!confirm) {
        throw new picocli.CommandLine.ParameterException(
            common.mixee.commandLine(),
            "rekey finish drops the old columns and cannot be undone: pass --confirm");
      }
      return common.run(
          "finish",
          (m, report) -> {
            String message = m.finish();
            common.out().println(message);
            report.outcome("finished", message);
            return ExitCodes.OK;
          });
    }
  }
}
