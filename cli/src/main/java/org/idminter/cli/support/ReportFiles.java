package org.idminter.cli.support;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a migration command writes its report when no --report is given. */
public final class ReportFiles {
  private ReportFiles() {}

  /** {@code idminter-reports/NAME-TIME-RUN.json}: the time to the second, the run id's start. */
  public static Path defaultFile(String name, Clock clock, String runId) {
    return Path.of(
        "idminter-reports",
        name
            + "-"
            + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(clock.instant())
            + "-"
            + runId.substring(0, 8)
            + ".json");
  }
}
