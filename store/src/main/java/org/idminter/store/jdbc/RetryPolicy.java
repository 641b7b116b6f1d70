package org.idminter.store.jdbc;

import java.time.Duration;

/**
 * How often a transaction that hit a deadlock, lock timeout or serialization failure is run again,
 * and how long to wait in between (exponential, with full jitter, capped).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(6, Duration.ofMillis(20), Duration.ofSeconds(2));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
  }
}
