package org.idminter.store.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.idminter.core.CanonicalId;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.ProgressListener;
import org.idminter.core.id.CanonicalIdGenerator;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * The pool of canonical IDs generated ahead of time. Free IDs are claimed with a locking read that
 * skips IDs other minters hold; only IDs actually used are marked assigned.
 */
public final class IdPool implements IdSupply {
  /** IDs inserted per transaction during a top-up: big enough to be fast, small enough to keep. */
  static final int TOP_UP_CHUNK = 10_000;

  /** Windows a claim walks at most before giving up on a pool that others hold almost entirely. */
  private static final int MAX_CLAIM_ROUNDS = 64;

  private static final String COUNT_BY_STATUS =
      "SELECT Status, COUNT(*) FROM canonical_ids GROUP BY Status";
  private static final String COUNT_FREE =
      "SELECT COUNT(*) FROM canonical_ids WHERE Status = 'free'";
  private static final String LOCK_TOP_UP =
      "SELECT name FROM idminter_locks WHERE name = 'pool_top_up' FOR UPDATE";
  private static final String COUNT_FREE_UP_TO =
      "SELECT COUNT(*) FROM (SELECT CanonicalId FROM canonical_ids WHERE Status = 'free' LIMIT ?) f";

  private final Database db;
  private final CanonicalIdGenerator generator;
  private final BooleanSupplier lockAvailable;

  /**
   * @param lockAvailable whether the schema has idminter_locks (version 3 or later); a database the
   *     Python id_minter created and idminter has not migrated has not, and is topped up without
   *     the lock
   */
  public IdPool(Database db, CanonicalIdGenerator generator, BooleanSupplier lockAvailable) {
    this.db = db;
    this.generator = generator;
    this.lockAvailable = lockAvailable;
  }

  public PoolStatus status() {
    return db.read(
        "reading the pool status",
        c -> {
          long[] counts = new long[2];
          Sql.query(
              c,
              COUNT_BY_STATUS,
              ps -> {},
              rs -> {
                counts["free".equals(rs.getString(1)) ? 0 : 1] += rs.getLong(2);
                return null;
              });
          return new PoolStatus(counts[0], counts[1]);
        });
  }

  /**
   * How many canonical IDs, free or assigned, are outside today's format: minted under older rules,
   * read as they are, never handed out again by a pool claim. One pass over the table.
   */
  public long countOlderFormat() {
    return db.read(
        "counting canonical IDs in an older format",
        c ->
            Sql.queryLong(
                c,
                "SELECT COUNT(*) FROM canonical_ids WHERE " + db.dialect().outsideTodaysFormat(),
                ps -> {}));
  }

  /** Free IDs, counting no further than {@code limit} (cheap on pools of millions). */
  public long countFreeUpTo(long limit) {
    return db.read(
        "counting free IDs", c -> Sql.queryLong(c, COUNT_FREE_UP_TO, ps -> ps.setLong(1, limit)));
  }

  /**
   * Makes sure {@code desired} IDs are free: inserts the shortfall (one top-up at a time per
   * database), recounts, tries once more if concurrent minters took IDs meanwhile, and fails with
   * the shortfall if still short. What was inserted stays.
   */
  public TopUpResult topUp(long desired, ProgressListener progress) {
    if (desired <= 0) {
      throw new InvalidInputException(
          "bad desired free ID count "
              + desired
              + ": the number of free IDs wanted must be positive");
    }
    long before = countFree();
    long free = before;
    for (int attempt = 1; attempt <= 2 && free < desired; attempt++) {
      fill(desired, progress);
      free = countFree();
    }
    if (free < desired) {
      throw new IdMinterException(
          ErrorCode.POOL_EXHAUSTED,
          "pool top-up fell short: wanted "
              + desired
              + " free IDs, have "
              + free
              + " after two attempts ("
              + (desired - free)
              + " short; concurrent minters may be taking IDs):"
              + " run the top-up again");
    }
    return new TopUpResult(desired, before, free, Math.max(0, free - before));
  }

  /**
   * One top-up round for the minter: inserts the shortfall against {@code desired} and returns the
   * free count afterwards, without failing when concurrent minters took some meanwhile (the minter
   * retries its claim; it needs enough, not an exact total).
   */
  public long refill(long desired) {
    fill(desired, ProgressListener.NONE);
    return countFree();
  }

  /**
   * Inserts free IDs until {@code desired} are free, {@link #TOP_UP_CHUNK} per transaction. Each
   * transaction first takes the top-up lock (a row of idminter_locks, where the schema has it), so
   * concurrent top-ups run one after the other: the first transaction counts the free IDs under the
   * lock and sees what an earlier top-up committed, so eight minters topping up at once insert the
   * shortfall once, not eight times. Later chunks go on from that count instead of counting again
   * (a count per chunk would make a large top-up quadratic).
   */
  private void fill(long desired, ProgressListener progress) {
    String insert = db.dialect().insertFreeIdIfAbsent();
    boolean lock = lockAvailable.getAsBoolean();
    long free = -1;
    long wanted = -1;
    do {
      long known = free;
      long[] chunk =
          db.inTransaction(
              "inserting free IDs into the pool",
              c -> {
                if (lock) {
                  Sql.query(c, LOCK_TOP_UP, ps -> {}, rs -> rs.getString(1));
                }
                long f =
                    known >= 0
                        ? known
                        : Sql.queryLong(c, COUNT_FREE_UP_TO, ps -> ps.setLong(1, desired));
                int n = (int) Math.max(0, Math.min(TOP_UP_CHUNK, desired - f));
                List<CanonicalId> ids = new ArrayList<>(generator.next(n));
                Sql.batch(c, insert, ids, (ps, id) -> ps.setString(1, id.value()));
                return new long[] {f, n};
              });
      wanted = wanted >= 0 ? wanted : desired - chunk[0];
      free = chunk[0] + chunk[1];
      progress.progress(Math.max(0, wanted - (desired - free)), Math.max(wanted, 1));
    } while (free < desired);
  }

  /**
   * Claims up to {@code count} free IDs inside the caller's transaction; may return fewer only when
   * the pool has no more free IDs that other transactions do not hold.
   *
   * <p>Two phases, because a locking {@code SKIP LOCKED} scan of the secondary index idx_free
   * returns short or empty results under concurrency on InnoDB and H2 (measured: a quarter of
   * claims by 8 concurrent transactions came back empty from a pool of 2,000), while locking by
   * primary key does not. First a non-locking read of candidates through idx_free, starting at a
   * random point of the ID space (handing IDs out in index order would reveal minting order); then
   * the candidates are locked by primary key with {@code FOR UPDATE SKIP LOCKED}, re-checking that
   * they are still free. Candidates other minters hold are skipped, and the walk continues past
   * them, around the ID space, until the claim is filled or the pool is exhausted.
   */
  @Override
  public List<CanonicalId> take(Connection c, int count) throws SQLException {
    Set<CanonicalId> held = new LinkedHashSet<>();
    FreeIdWalk walk = new FreeIdWalk(generator.next().value());
    for (int round = 0; round < MAX_CLAIM_ROUNDS && held.size() < count; round++) {
      int need = count - held.size();
      List<CanonicalId> candidates = walk.next(c, round == 0 ? need + need / 4 + 8 : need * 2 + 16);
      if (candidates.isEmpty()) {
        break; // walked the whole pool
      }
      for (int from = 0; from < candidates.size() && held.size() < count; from += Sql.MAX_IN) {
        held.addAll(
            lock(c, candidates.subList(from, Math.min(candidates.size(), from + Sql.MAX_IN))));
      }
    }
    return new ArrayList<>(held).subList(0, Math.min(count, held.size()));
  }

  /**
   * Walks the free IDs once around the ID space without locking: from a start to the end, then from
   * the beginning up to the start, a window at a time.
   */
  private final class FreeIdWalk {
    private final String start;
    private String cursor; // last ID returned; null before the first window of a segment
    private boolean secondSegment;

    FreeIdWalk(String start) {
      this.start = start;
    }

    List<CanonicalId> next(Connection c, int limit) throws SQLException {
      List<CanonicalId> out = new ArrayList<>();
      while (out.size() < limit) {
        String range;
        List<String> bounds = new ArrayList<>();
        if (!secondSegment) {
          range = cursor == null ? "CanonicalId >= ?" : "CanonicalId > ?";
          bounds.add(cursor == null ? start : cursor);
        } else {
          range = cursor == null ? "CanonicalId < ?" : "CanonicalId > ? AND CanonicalId < ?";
          if (cursor != null) {
            bounds.add(cursor);
          }
          bounds.add(start);
        }
        String sql = db.dialect().freeIdWindow(range);
        int want = limit - out.size();
        List<String> window =
            Sql.query(
                c,
                sql,
                ps -> {
                  for (int i = 0; i < bounds.size(); i++) {
                    ps.setString(i + 1, bounds.get(i));
                  }
                  ps.setInt(bounds.size() + 1, want);
                },
                rs -> rs.getString(1));
        // A free ID minted under older rules stays free: only today's format is handed out.
        window.stream().filter(CanonicalId::isValid).map(CanonicalId::new).forEach(out::add);
        if (!window.isEmpty()) {
          cursor = window.get(window.size() - 1);
        }
        if (window.size() < want) {
          if (secondSegment) {
            break; // around the whole ID space
          }
          secondSegment = true;
          cursor = null;
        }
      }
      return out;
    }
  }

  /** Locks those of {@code ids} that are still free and not held by another transaction. */
  private List<CanonicalId> lock(Connection c, List<CanonicalId> ids) throws SQLException {
    return Sql.query(
        c,
        db.dialect().lockFreeIds(ids.size()),
        ps -> db.dialect().bindValues(ps, 1, ids.stream().map(CanonicalId::value).toList()),
        rs -> new CanonicalId(rs.getString(1)));
  }

  /**
   * Marks the IDs used assigned, as the dialect does it fastest; those claimed but not used (lost
   * races) stay free.
   */
  @Override
  public void settle(Connection c, List<CanonicalId> taken, Set<CanonicalId> used)
      throws SQLException {
    if (!used.isEmpty()) {
      db.dialect().markAssigned(c, used.stream().map(CanonicalId::value).sorted().toList());
    }
  }

  @Override
  public boolean usesPool() {
    return true;
  }

  private long countFree() {
    return db.read("counting free IDs", c -> Sql.queryLong(c, COUNT_FREE, ps -> {}));
  }
}
