package org.idminter.store.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.id.CanonicalIdGenerator;
import org.idminter.store.jdbc.Database;
import org.idminter.store.jdbc.Sql;

/**
 * The pool of canonical IDs generated ahead of time. Free IDs are claimed with a locking read that
 * skips IDs other minters hold; only IDs actually used are marked assigned.
 */
public final class IdPool {
  /** IDs inserted per transaction during a top-up: big enough to be fast, small enough to keep. */
  static final int TOP_UP_CHUNK = 10_000;
  private static final String COUNT_BY_STATUS = "SELECT Status, COUNT(*) FROM canonical_ids GROUP BY Status";
  private static final String COUNT_FREE = "SELECT COUNT(*) FROM canonical_ids WHERE Status = 'free'";
  private static final String COUNT_FREE_UP_TO =
      "SELECT COUNT(*) FROM (SELECT CanonicalId FROM canonical_ids WHERE Status = 'free' LIMIT ?) f";
  private static final String MARK_ASSIGNED = "UPDATE canonical_ids SET Status = 'assigned' WHERE CanonicalId = ?";

  private final Database db;
  private final CanonicalIdGenerator generator;

  public IdPool(Database db, CanonicalIdGenerator generator) {
    this.db = db;
    this.generator = generator;
  }

  public PoolStatus status() {
    return db.read("reading the pool status", c -> {
      long[] counts = new long[2];
      Sql.query(c, COUNT_BY_STATUS, ps -> {}, rs -> {
        counts["free".equals(rs.getString(1)) ? 0 : 1] += rs.getLong(2);
        return null;
      });
      return new PoolStatus(counts[0], counts[1]);
    });
  }

  /** Free IDs, counting no further than {@code limit} (cheap on pools of millions). */
  public long countFreeUpTo(long limit) {
    return db.read("counting free IDs", c -> Sql.queryLong(c, COUNT_FREE_UP_TO, ps -> ps.setLong(1, limit)));
  }

  /**
   * Makes sure {@code desired} IDs are free: generates the shortfall, inserts it ignoring clashes
   * with existing IDs, recounts, tries once more, and fails with the shortfall if still short.
   * What was inserted stays.
   */
  public TopUpResult topUp(long desired, ProgressListener progress) {
    if (desired <= 0) {
      throw new InvalidInputException("bad --desired " + desired + ": the number of free IDs wanted must be positive");
    }
    long before = countFree();
    long free = before;
    for (int attempt = 1; attempt <= 2 && free < desired; attempt++) {
      insertFree(desired - free, progress);
      free = countFree();
    }
    if (free < desired) {
      throw new IdMinterException("pool top-up fell short: wanted " + desired + " free IDs, have " + free
          + " after two attempts (" + (desired - free) + " short; concurrent minters may be taking IDs):"
          + " run the top-up again");
    }
    return new TopUpResult(desired, before, free, Math.max(0, free - before));
  }

  /**
   * Claims up to {@code count} free IDs inside the caller's transaction; may return fewer. The scan
   * starts at a random point of the ID space and wraps around: handing IDs out in index order
   * would reveal minting order, and would make every concurrent minter skip over the same locked
   * rows at the start of the index. A second statement runs only when the first wraps.
   */
  public List<CanonicalId> claim(Connection c, int count) throws SQLException {
    String start = generator.next().value();
    List<CanonicalId> ids = claim(c, ">=", start, count);
    if (ids.size() < count) {
      ids.addAll(claim(c, "<", start, count - ids.size()));
    }
    return ids;
  }

  private List<CanonicalId> claim(Connection c, String comparison, String start, int count) throws SQLException {
    String sql = "SELECT CanonicalId FROM canonical_ids WHERE Status = 'free' AND CanonicalId " + comparison
        + " ? ORDER BY Status, CanonicalId " + db.dialect().limitClause() + " FOR UPDATE SKIP LOCKED";
    return new ArrayList<>(Sql.query(c, sql, ps -> {
      ps.setString(1, start);
      ps.setInt(2, count);
    }, rs -> new CanonicalId(rs.getString(1))));
  }

  /** Marks IDs assigned inside the caller's transaction (one batched statement). */
  public void markAssigned(Connection c, Collection<CanonicalId> ids) throws SQLException {
    Sql.batch(c, MARK_ASSIGNED, ids, (ps, id) -> ps.setString(1, id.value()));
  }

  private long countFree() {
    return db.read("counting free IDs", c -> Sql.queryLong(c, COUNT_FREE, ps -> {}));
  }

  private void insertFree(long count, ProgressListener progress) {
    String sql = db.dialect().insertFreeIdIfAbsent();
    long done = 0;
    while (done < count) {
      int n = (int) Math.min(TOP_UP_CHUNK, count - done);
      List<CanonicalId> ids = new ArrayList<>(generator.next(n));
      db.inTransaction("inserting free IDs into the pool", c -> {
        Sql.batch(c, sql, ids, (ps, id) -> ps.setString(1, id.value()));
        return null;
      });
      done += n;
      progress.progress(done, count);
    }
  }
}
