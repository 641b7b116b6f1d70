package org.idminter.cli.support;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.MigrationReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every migration command shares (legacy, rekey, backfill: its report, chunk, lock time
 * to live and --json), and how each run ends: its report written wherever the work stopped.
 */
public class MigrationOptions {
  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Where to write the JSON report (default: idminter-reports/KIND-MODE-TIME-RUN.json).")
  Path report;

  @Option(
      names = "--chunk",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Rows (entities) per statement and per transaction (default 10000).")
  int chunk;

  @Option(
      names = "--lock-ttl",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description =
          "A migration lock without a heartbeat for this long belongs to a dead migrator"
              + " (default 120).")
  long lockTtl;

  @Option(
      names = "--json",
      description =
          "Print the report (the JSON the report file holds) on stdout instead of the text"
              + " summary.")
  boolean json;

  /** The chunk, refused as a usage error unless positive. */
  public int chunk(CommandSpec command) {
    Usage.positive(command, "--chunk", chunk, "rows per statement");
    return chunk;
  }

  public Duration lockTtl() {
    return Duration.ofSeconds(lockTtl);
  }

  /**
   * Where the command prints its text results: picocli's writer, flushed by the root command; with
   * --json, nowhere (the report is printed instead).
   */
  public PrintWriter out(CommandSpec command) {
    return json ? new PrintWriter(java.io.Writer.nullWriter()) : command.commandLine().getOut();
  }

  /**
   * Runs work and writes its report (to --report, else {@code idminter-reports/KIND-MODE-…}),
   * whatever the outcome: a failure is recorded in it and rethrown; with --json the report is
   * printed on stdout too.
   */
  public int reported(
      CommandSpec command,
      String kind,
      String mode,
      MigrationReport report,
      String runId,
      Clock clock,
      IntSupplier work) {
    Path file = report(kind + "-" + mode, clock, runId);
    try {
      return work.getAsInt();
    } catch (IdMinterException e) {
      report.failed(e);
      throw e;
    } finally {
      command.commandLine().getErr().println("idminter: report written to " + report.write(file));
      if (json) {
        command.commandLine().getOut().println(report.json());
      }
    }
  }

  private Path report(String name, Clock clock, String runId) {
    return report != null ? report : ReportFiles.defaultFile(name, clock, runId);
  }
}
