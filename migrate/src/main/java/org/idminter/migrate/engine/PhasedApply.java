package org.idminter.migrate.engine;

import java.util.List;
import java.util.Optional;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.store.jdbc.Database;

/**
 * The engine every migration's apply runs on: creates its state table, takes the lease, runs the
 * phases in order from the one the state records (so a run stopped at any statement resumes where
 * it stopped), moves the state on after each phase and to DONE after the last, and always releases
 * the lease. A migration checks everything that can refuse before it calls this (nothing, not even
 * the lock, is written by a refused run).
 */
public final class PhasedApply {
  /** How the run ended: it found the migration already done, or it ran to DONE. */
  public record Result(boolean alreadyDone, Lease.Row state) {}

  private final Database db;
  private final Lease lease;

  public PhasedApply(Database db, Lease lease) {
    this.db = db;
    this.lease = lease;
  }

  public Result run(List<Phase> phases, Timings timings, ProgressListener progress) {
    return run(phases, timings, progress, Throttle.NONE);
  }

  /** As {@link #run(List, Timings, ProgressListener)}, pausing chunks while the server is busy. */
  public Result run(
      List<Phase> phases, Timings timings, ProgressListener progress, Throttle throttle) {
    db.inTransaction(
        "creating the migration state " + lease.table().name(),
        c -> {
          lease.table().create(c);
          return null;
        });
    Lease.Row row = db.inTransaction("taking the migration lock", lease::acquire);
    try {
      if (row.phase().equals(Lease.DONE)) {
        return new Result(true, row);
      }
      for (int i = start(phases, row.phase()); i < phases.size(); i++) {
        Phase phase = phases.get(i);
        String next = i + 1 < phases.size() ? phases.get(i + 1).name() : Lease.DONE;
        Lease.Row now =
            i == 0 && row.phase().equals(Lease.NEW)
                ? row
                : db.read("reading the migration state", c -> lease.read(c).orElseThrow());
        PhaseRun run =
            new PhaseRun(db, lease, throttle, phase.name(), next, now, timings, progress);
        phase.work().run(run);
        if (!run.completed()) {
          db.inTransaction(
              "finishing the phase " + phase.name(),
              c -> {
                lease.advance(c, next, Optional.empty());
                return null;
              });
        }
      }
      return new Result(
          false, db.read("reading the migration state", c -> lease.read(c).orElseThrow()));
    } finally {
      db.inTransaction(
          "releasing the migration lock",
          c -> {
            lease.release(c);
            return null;
          });
    }
  }

  private int start(List<Phase> phases, String recorded) {
    if (recorded.equals(Lease.NEW)) {
      return 0;
    }
    for (int i = 0; i < phases.size(); i++) {
      if (phases.get(i).name().equals(recorded)) {
        return i;
      }
    }
    throw new IdMinterException(
        lease.table().name()
            + " records the phase "
            + recorded
            + ", which this version of idminter does not know; finish the migration with the version"
            + " that started it; nothing was changed");
  }
}
