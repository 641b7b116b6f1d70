package org.idminter.cli.command;

import java.io.PrintWriter;
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
import org.idminter.migrate.backfill.BackfillMigration;
import org.idminter.migrate.backfill.BackfillPlan;
import org.idminter.migrate.backfill.BackfillResults;
import org.idminter.migrate.backfill.BackfillSpec;
import org.idminter.migrate.engine.MigrationReport;
import org.idminter.store.TargetDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code idminter backfill plan|apply|verify|rollback}: a ULID or flake64 column for a table. */
@Command(
    name = "backfill",
    header = "Add a ULID or flake64 column to an existing table and fill it for every row.",
    mixinStandardHelpOptions = true,
    description =
        "Works on any table of MySQL, MariaDB, PostgreSQL, H2 or a SQLite file (jdbc:sqlite:FILE),"
            + " keyed by one column (or SQLite's rowid). Run plan, then apply, then verify, then"
            + " finish; rollback undoes apply, until finish, while nothing else depends on the"
            + " column.",
    subcommands = {
      BackfillCommand.Plan.class,
      BackfillCommand.Apply.class,
      BackfillCommand.Verify.class,
      BackfillCommand.Rollback.class,
      BackfillCommand.Finish.class
    })
public final class BackfillCommand {
  /** Options every backfill subcommand shares. */
  static final class Common {
    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table.")
    String table;

    @Option(
        names = "--column",
        required = true,
        paramLabel = "COLUMN",
        description = "The column to fill (added unless it exists).")
    String column;

    @Option(
        names = "--scheme",
        paramLabel = "SCHEME",
        defaultValue = "ulid",
        description = "ulid (CHAR(26)) or flake64 (BIGINT) (default ulid).")
    String scheme;

    @Option(
        names = "--time-column",
        paramLabel = "COLUMN",
        description =
            "Each row's creation time (TIMESTAMP/DATETIME, ISO-8601 text or epoch milliseconds),"
                + " the time part of its value (default: the run's start for every row).")
    String timeColumn;

    @Mixin MigrationOptions migration;

    @Mixin DatabaseOptions database;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    PrintWriter out() {
      return migration.out(mixee);
    }

    /** Runs work on the target database and writes the report, whatever the outcome. */
    int run(String mode, Work work) {
      int chunk = migration.chunk(mixee);
      BackfillSpec spec =
          Usage.checked(
              mixee,
              () ->
                  new BackfillSpec(
                      table,
                      column,
                      BackfillSpec.Scheme.parse(scheme),
                      Optional.ofNullable(timeColumn)));
      Clock clock = Clock.systemUTC();
      try (TargetDatabase target = database.openTarget()) {
        BackfillMigration m =
            new BackfillMigration(
                target.database(),
                spec,
                clock,
                migration.lockTtl(),
                chunk,
                new SecureRandom(),
                new SecureRandom());
        MigrationReport report =
            new MigrationReport(m.runId(), Version.current(), mode, target.describe(), clock);
        report.put("spec", BackfillOutput.spec(spec));
        return migration.reported(
            mixee, "backfill", mode, report, m.runId(), clock, () -> work.run(m, report));
      }
    }
  }

  @FunctionalInterface
  interface Work {
    int run(BackfillMigration migration, MigrationReport report);
  }

  @Command(
      name = "plan",
      header = "Dry run of a backfill; writes nothing.",
      mixinStandardHelpOptions = true,
      description =
          "Reads every row, writing nothing: rows to fill, rows keeping the valid value they hold,"
              + " rows apply would refuse and why (a time that cannot be read, an invalid or"
              + " repeated value already in the column), the table's fingerprint, and what apply"
              + " will do. Exit 0 when nothing would be refused, 3 when some rows would be.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ./idminter backfill plan --db jdbc:sqlite:jobs.db --table jobs --column ulid"
            + " --time-column created_at"
      })
  static final class Plan implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "plan",
          (m, report) -> {
            BackfillPlan plan = m.plan();
            BackfillOutput.plan(report, plan);
            common.out().print(BackfillOutput.planSummary(plan));
            return plan.refusedCount() == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
          });
    }
  }

  @Command(
      name = "apply",
      header = "Add the column and its unique index, and fill every row.",
      mixinStandardHelpOptions = true,
      description =
          "On a SQLite file, first copies it beside itself (named in the report). Adds the column"
              + " (unless it exists) and a unique index, fills it in chunks in order of each row's"
              + " time, then carries over rows inserted meanwhile, and verifies every row. Safe to"
              + " run again after any interruption; run again after it completed, it fills rows"
              + " inserted since. Refuses, writing nothing, on rows the plan refuses or another"
              + " migrator holding the lock. Exit 0 when verify passes, 3 when it does not.")
  static final class Apply implements Callable<Integer> {
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
            BackfillResults.Applied a =
                m.apply(Optional.ofNullable(maxLoad), new Progress("backfilling"));
            BackfillOutput.applied(report, a);
            common.out().print(BackfillOutput.appliedSummary(a));
            return a.verified().passed() ? ExitCodes.OK : ExitCodes.PARTIAL;
          });
    }
  }

  @Command(
      name = "verify",
      header = "Prove every row holds a valid, unique value and no row was lost.",
      mixinStandardHelpOptions = true,
      description =
          "Reads every row: each holds a valid value of the scheme, none twice, the unique index is"
              + " in place, and every row that existed when apply began is still there. Exit 0"
              + " only when all hold.")
  static final class Verify implements Callable<Integer> {
    @Mixin Common common;

    @Override
    public Integer call() {
      return common.run(
          "verify",
          (m, report) -> {
            BackfillResults.Verified v = m.verify();
            BackfillOutput.verified(report, v);
            common.out().print(BackfillOutput.verifiedSummary(v));
            return v.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
          });
    }
  }

  @Command(
      name = "rollback",
      header = "Undo apply while nothing else depends on the column.",
      mixinStandardHelpOptions = true,
      description =
          "Drops the unique index apply added and the column if apply added it (else clears only"
              + " the values apply wrote), at whatever point apply stopped. Refused, changing"
              + " nothing, while the application writes the column or another index or foreign"
              + " key uses it.")
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
      header = "End a verified backfill: drop its own tables, keep the column (no rollback after).",
      mixinStandardHelpOptions = true,
      description =
          "Verifies every row, then drops the backfill's own tables (state, facts, staging); the"
              + " column and its unique index stay. Rollback is impossible afterwards, and another"
              + " backfill may start on the database. Needs --confirm.")
  static final class Finish implements Callable<Integer> {
    @Option(names = "--confirm", description = "Confirm that rollback will no longer be possible.")
    boolean confirm;

    @Mixin Common common;

    @Override
    public Integer call() {
      if (!confirm) {
        throw new picocli.CommandLine.ParameterException(
            common.mixee.commandLine(),
            "backfill finish ends the possibility of rollback: pass --confirm");
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
