package org.idminter.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.idminter.core.ProgressListener;

/**
 * What a running phase may do with the engine: read the state it started from, commit its cursor
 * (renewing the lease) in the same transaction as the chunk it finished, record a fingerprint,
 * complete itself inside its last transaction (when that transaction must also move the phase on,
 * e.g. a rename that commits by itself), time its steps and report progress.
 */
public final class PhaseRun {
  private final Lease lease;
  private final String phase;
  private final String next;
  private final Lease.Row state;
  private final Timings timings;
  private final ProgressListener progress;
  private boolean completed;

  PhaseRun(
      Lease lease,
      String phase,
      String next,
      Lease.Row state,
      Timings timings,
      ProgressListener progress) {
    this.lease = lease;
    this.phase = phase;
    this.next = next;
    this.state = state;
    this.timings = timings;
    this.progress = progress;
  }

  /** The state when this phase started. */
  public Lease.Row state() {
    return state;
  }

  /** True when an earlier run was already in this phase (and stopped in it). */
  public boolean resumed() {
    return state.phase().equals(phase);
  }

  /** Where an earlier run of this phase got to, if it committed a cursor before it stopped. */
  public Optional<String> resumeCursor() {
    return resumed() ? state.cursor() : Optional.empty();
  }

  /** Records (inside the caller's transaction) that the phase got as far as {@code cursor}. */
  public void checkpoint(Connection c, String cursor) throws SQLException {
    lease.advance(c, phase, Optional.of(cursor));
  }

  /** Moves the state to the next phase inside the caller's transaction. */
  public void complete(Connection c) throws SQLException {
    lease.advance(c, next, Optional.empty());
    completed = true;
  }

  boolean completed() {
    return completed;
  }

  public void record(Connection c, String slot, Fingerprint f) throws SQLException {
    lease.recordFingerprint(c, slot, f);
  }

  public <T> T step(String name, Supplier<T> work) {
    return timings.step(name, work);
  }

  public void step(String name, Runnable work) {
    timings.step(name, work);
  }

  public ProgressListener progress() {
    return progress;
  }
}
