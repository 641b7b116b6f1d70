package org.idminter.store.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.idminter.core.CanonicalId;

/** Where a mint's transaction takes new canonical IDs from, and gives back those it did not use. */
public interface IdSupply {
  /**
   * Takes up to {@code count} new IDs inside the caller's transaction; fewer only when a pool has
   * no more free IDs.
   */
  List<CanonicalId> take(Connection c, int count) throws SQLException;

  /**
   * Settles what {@link #take} returned, inside the same transaction: {@code used} are assigned,
   * the rest are left as they were before the take (a lost race to a concurrent minter).
   */
  void settle(Connection c, List<CanonicalId> taken, Set<CanonicalId> used) throws SQLException;

  /** Whether IDs come from the pool (so a short pool can be refilled and topped up). */
  boolean usesPool();
}
