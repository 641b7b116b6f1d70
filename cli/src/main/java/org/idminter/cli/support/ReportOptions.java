package org.idminter.cli.support;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.io.AtomicFile;
import org.idminter.pipeline.JobIds;
import org.idminter.pipeline.RunReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The job id and report file of {@code identify} and {@code run}: a default job id unique to the
 * second plus a random suffix, a report that never overwrites another unless asked, checked
 * writable before anything is minted and moved into place whole.
 */
public final class ReportOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "The JSON report (default: idminter-reports/COMMAND-JOB.json).")
  Path report;

  @Option(
      names = "--job-id",
      paramLabel = "ID",
      description =
          "The job id, naming the report: 1 to 128 letters, digits, '.', '-', '_' (default: the"
              + " time to the second and a random suffix, e.g. 20260131T120000-3fa9).")
  String jobId;

  @Option(
      names = "--overwrite-report",
      description = "Replace an existing report file (default: refuse, before minting anything).")
  boolean overwrite;

  @Option(
      names = "--json",
      description =
          "Also print the summary as JSON on stdout: {\"job_id\", \"outcome\", \"success_count\","
              + " \"failure_count\", \"report\"} (not with --output -).")
  boolean json;

  /** The job id given (checked: a bad one is a usage error), or a fresh unique one. */
  public String jobId() {
    return Usage.checked(
        mixee,
        () -> JobIds.orDefault(Optional.ofNullable(jobId), Clock.systemUTC(), new SecureRandom()));
  }

  /** The report file, prepared: its directory writable, an existing report refused unless asked. */
  public AtomicFile prepare(String command, String job) {
    Path file =
        report != null ? report : Path.of("idminter-reports", command + "-" + job + ".json");
    return AtomicFile.prepare(file, overwrite, "the report");
  }

  /**
   * Writes the report and says on stderr, after the run, what it did: how many works were written
   * and failed and where the output went, or that it failed and what was kept.
   */
  public void finish(AtomicFile file, RunReport result, String written) {
    Path at = result.write(file);
    String line =
        result.outcome().equals("failed")
            ? String.format(
                "idminter: failed after %d work(s) were identified (their IDs are kept in the"
                    + " database; a rerun gives the same ones); %s; report written to %s",
                result.successCount(), written, at)
            : String.format(
                "idminter: identified %d work(s), %d failed; %s; report written to %s",
                result.successCount(), result.failureCount(), written, at);
    mixee.commandLine().getErr().println(line);
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("job_id", result.jobId());
      summary.put("outcome", result.outcome());
      summary.put("success_count", result.successCount());
      summary.put("failure_count", result.failureCount());
      summary.put("report", at.toString());
      mixee.commandLine().getOut().println(Json.write(summary));
    }
  }

  /** --json prints on stdout, so it cannot share stdout with the works themselves. */
  public void requireStdoutFree(boolean outputToStdout) {
    if (json && outputToStdout) {
      throw new ParameterException(
          mixee.commandLine(), "--json prints on stdout, so it cannot be used with --output -");
    }
  }
}
