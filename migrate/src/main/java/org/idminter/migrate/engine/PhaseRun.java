package org.idminter.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.idminter.core.ProgressListener;
import org.idminter.store.jdbc.Database;

/**
 * What a running phase may do with the engine: read the state it started from, commit its cursor
 * (renewing the lease) in the same transaction as the chunk it finished, record a fingerprint,
 * complete itself inside its last transaction (when that transaction must also move the phase on,
 * e.g. a rename that commits by itself), time its steps and report progress.
 */
public final class PhaseRun {
  private final Database db;
  private final Lease lease;
  private final Throttle throttle;
  private final String phase;
  private final String next;
  private final Lease.Row state;
  private final Timings timings;
  private final ProgressListener progress;
  private boolean completed;
  private Optional<String> cursor;

  PhaseRun(
      Database db,
      Lease lease,
      Throttle throttle,
      String phase,
      String next,
      Lease.Row state,
      Timings timings,
      ProgressListener progress) {
    this.db = db;
    this.lease = lease;
    this.throttle = throttle;
    this.phase = phase;
    this.next = next;
    this.state = state;
    this.timings = timings;
    this.progress = progress;
    this.cursor = resumeCursor();
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
    this.cursor = Optional.of(cursor);
  }

  /**
   * Before a chunk: waits while the server is busier than the run's --max-load, renewing the lease
   * meanwhile; the wait is reported as the step "paused".
   */
  public void awaitCapacity() {
    long waited =
        throttle.await(
            () ->
                db.inTransaction(
                    "renewing the migration lock while paused",
                    c -> {
                      lease.advance(c, phase, cursor);
                      return null;
                    }));
    timings.add("paused", waited);
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
