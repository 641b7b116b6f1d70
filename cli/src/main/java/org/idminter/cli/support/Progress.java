package org.idminter.cli.support;

import java.io.PrintStream;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.idminter.core.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's one progress renderer: on a terminal, stderr rewritten in place a few times a second
 * ({@code label: done / total (rate/s)}, and failures so far for a run); otherwise a log line every
 * 10 s under {@code org.idminter.progress}.
 */
public final class Progress implements ProgressListener {
  private static final Logger LOG = LoggerFactory.getLogger("org.idminter.progress");
  private static final long SHOW_EVERY = 200_000_000L;
  private static final long LOG_EVERY = 10_000_000_000L;

  private final String label;
  private final Optional<LongSupplier> failures;
  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastShown;
  private boolean shown;

  public Progress(String label) {
    this(label, Optional.empty(), System.err, System.console() != null);
  }

  /** A run's progress: works done, their rate, and how many failed so far. */
  public static Progress ofRun(String label, LongSupplier failures) {
    return new Progress(label, Optional.of(failures), System.err, System.console() != null);
  }

  Progress(String label, Optional<LongSupplier> failures, PrintStream out, boolean terminal) {
    this.label = label;
    this.failures = failures;
    this.out = out;
    this.terminal = terminal;
    this.lastShown = started;
  }

  @Override
  public void progress(long done, long total) {
    long now = System.nanoTime();
    boolean finished = total >= 0 && done >= total;
    if (now - lastShown < (terminal ? SHOW_EVERY : LOG_EVERY) && !(terminal && finished)) {
      return;
    }
    lastShown = now;
    String line = line(done, total, now);
    if (terminal) {
      out.print("\r" + line + (finished ? "\n" : ""));
      out.flush();
      shown = !finished;
    } else {
      LOG.info(line);
    }
  }

  /** Ends a line left open on the terminal. */
  public void finish() {
    if (shown) {
      out.println();
      shown = false;
    }
  }

  private String line(long done, long total, long now) {
    double rate = done / Math.max(1e-3, (now - started) / 1e9);
    return String.format(
        "%s: %,d%s (%,.0f/s)%s",
        label,
        done,
        total >= 0 ? String.format(" / %,d", total) : "",
        rate,
        failures.map(f -> String.format(", %,d failed", f.getAsLong())).orElse(""));
  }
}
