package org.idminter.cli;

import org.idminter.pipeline.RunReport;
import org.idminter.store.pool.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works per second and failures so far: rewritten in place on a terminal, logged every 10 s
 * otherwise.
 */
public final class RunProgress implements ProgressListener {
  private static final Logger LOG = LoggerFactory.getLogger("org.idminter.progress");
  private final String label;
  private final RunReport report;
  private final boolean terminal = System.console() != null;
  private final long started = System.nanoTime();
  private long lastLogged = started;

  public RunProgress(String label, RunReport report) {
    this.label = label;
    this.report = report;
  }

  @Override
  public void progress(long done, long total) {
    long now = System.nanoTime();
    double rate = done / Math.max(1e-3, (now - started) / 1e9);
    if (terminal) {
      System.err.printf(
          "\r%s: %,d works (%,.0f/s), %,d failed", label, done, rate, report.failureCount());
    } else if (now - lastLogged >= 10_000_000_000L) {
      lastLogged = now;
      LOG.info(
          "{}: {} works ({}/s), {} failed", label, done, Math.round(rate), report.failureCount());
    }
  }

  /** Ends the terminal line. */
  public void finish() {
    if (terminal) {
      System.err.println();
    }
  }
}
