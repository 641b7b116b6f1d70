package org.idminter.core;

import java.time.Duration;

/** Waits between retries; injected so tests need not sleep. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
