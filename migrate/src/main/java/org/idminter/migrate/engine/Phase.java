package org.idminter.migrate.engine;

/**
 * One resumable step of an apply. Its name is what the state table records while it runs; its work
 * must be idempotent from any statement on (it may be stopped anywhere and run again), committing
 * its cursor with each chunk through {@link PhaseRun#checkpoint}.
 */
public record Phase(String name, Work work) {
  public Phase {
    if (name.equals(Lease.NEW) || name.equals(Lease.DONE) || name.length() > 16) {
      throw new IllegalArgumentException("a phase name is at most 16 characters, not NEW or DONE");
    }
  }

  /** What the phase does. */
  @FunctionalInterface
  public interface Work {
    void run(PhaseRun run);
  }
}
