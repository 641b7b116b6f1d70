package org.idminter.store.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A database server a test starts for itself from the installed packages, in its own directory,
 * never a shared service: it may be killed and started again.
 */
public abstract class PrivateServer {
  protected final Path dir;
  protected Process process;

  protected PrivateServer(Path dir) {
    this.dir = dir;
  }

  /** Starts the server (again) and waits until it answers. */
  public abstract void restart();

  /** The server's own log, inside {@link #dir}. */
  protected abstract Path log();

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /**
   * SIGKILL to the server and every process it started, as a crash of the machine's server would;
   * returns when they are gone.
   */
  public void kill() throws InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    process.destroyForcibly();
    all.forEach(ProcessHandle::destroyForcibly);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server in " + dir + " outlived SIGKILL by 30 s");
    }
    for (ProcessHandle p : all) {
      p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 20 s). */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the server's log, for failure messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
