package org.idminter.store.pool;

import org.idminter.core.InvalidInputException;

/**
 * How the minter gets new IDs: from where ({@code idSource}), and, when that is the pool, when it
 * tops the pool up by itself: below {@code lowWaterMark} free IDs it generates enough to reach
 * {@code topUpTo} (or what the call needs, if more).
 */
public record PoolPolicy(boolean autoTopUp, int lowWaterMark, int topUpTo, IdSource idSource) {
  public static final PoolPolicy DEFAULT = new PoolPolicy(true, 1_000, 10_000);

  /** A policy that leaves the ID source to the database's default. */
  public PoolPolicy(boolean autoTopUp, int lowWaterMark, int topUpTo) {
    this(autoTopUp, lowWaterMark, topUpTo, IdSource.DEFAULT);
  }

  /** The same policy with IDs taken from {@code source}. */
  public PoolPolicy with(IdSource source) {
    return new PoolPolicy(autoTopUp, lowWaterMark, topUpTo, source);
  }

  public PoolPolicy {
    java.util.Objects.requireNonNull(idSource, "idSource");
    if (lowWaterMark < 0) {
      throw new InvalidInputException("pool low-water mark must be 0 or more, was " + lowWaterMark);
    }
    if (topUpTo <= 0 || topUpTo < lowWaterMark) {
      throw new InvalidInputException(
          "pool top-up target must be positive and at least the low-water mark ("
              + lowWaterMark
              + "), was "
              + topUpTo);
    }
  }
}
