package org.idminter.store.pool;

import org.idminter.core.InvalidInputException;

/**
 * When the minter tops the free ID pool up by itself: below {@code lowWaterMark} free IDs it
 * generates enough to reach {@code topUpTo} (or what the call needs, if more).
 */
public record PoolPolicy(boolean autoTopUp, int lowWaterMark, int topUpTo) {
  public static final PoolPolicy DEFAULT = new PoolPolicy(true, 1_000, 10_000);

  public PoolPolicy {
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
