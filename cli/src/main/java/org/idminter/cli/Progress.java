package org.idminter.cli;

import java.io.PrintStream;
import org.idminter.store.pool.ProgressListener;

/** Progress on a terminal (stderr, rewritten in place, a few times a second); silent otherwise. */
public final class Progress implements ProgressListener {
  private final String label;
  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastShown;

  public Progress(String label) {
    this(label, System.err, System.console() != null);
  }

  Progress(String label, PrintStream out, boolean terminal) {
    this.label = label;
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void progress(long done, long total) {
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastShown < 200_000_000L) {
      return;
    }
    lastShown = now;
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    out.printf(
        "\r%s: %,d / %,d (%,.0f/s)%s",
        label, done, total, done / seconds, done >= total ? "\n" : "");
    out.flush();
  }
}
