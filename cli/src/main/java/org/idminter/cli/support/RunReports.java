package org.idminter.cli.support;

import java.nio.file.Path;
import org.idminter.pipeline.RunReport;

/** Job ids and report files for identify and run. */
public final class RunReports {
  private RunReports() {}

  /**
   * Writes the report (to {@code given}, or idminter-reports/MODE-JOB.json) and says where on
   * stderr.
   */
  public static void write(Path given, String mode, RunReport report) {
    Path file =
        given != null ? given : Path.of("idminter-reports", mode + "-" + report.jobId() + ".json");
    report.write(file);
    System.err.printf(
        "idminter: identified %d work(s), %d failed; report written to %s%n",
        report.successCount(), report.failureCount(), file);
  }
}
