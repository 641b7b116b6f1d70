package org.idminter.store.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.idminter.core.Minter;

/**
 * Workers minting overlapping keys (with predecessors) while faults are injected, every call
 * recorded in a {@link History} for {@link HistoryChecker}.
 */
public final class HistoryRun {
  private HistoryRun() {}

  /** What is done to the system while the workers run; it may watch the history grow. */
  @FunctionalInterface
  public interface Faults {
    void inject(History history) throws Exception;
  }

  /**
   * Runs {@code workers} workers, worker w calling {@code minters.get(w % minters.size())} {@code
   * calls} times with {@link ConcurrentMinting#call} ({@code keysPerCall} keys out of {@code
   * keySpace}); runs {@code faults} on this thread meanwhile; returns when every worker is done.
   */
  public static History run(
      List<Minter> minters,
      int workers,
      long calls,
      int keysPerCall,
      int keySpace,
      long seed,
      Faults faults)
      throws Exception {
    History history = new History();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Minter minter = minters.get(w % minters.size());
      Random random = new Random(seed + w);
      running.add(
          pool.submit(
              () -> {
                for (long i = 0; i < calls; i++) {
                  history.call(
                      worker, minter, ConcurrentMinting.call(keysPerCall, keySpace, random));
                }
              }));
    }
    pool.shutdown();
    try {
      faults.inject(history);
    } finally {
      if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
        pool.shutdownNow();
        throw new IllegalStateException("the workers did not finish within 30 minutes");
      }
    }
    for (Future<?> f : running) {
      f.get(); // a worker that died fails the run with its cause
    }
    return history;
  }

  /** Waits until the history holds {@code calls} calls (at most two minutes). */
  public static void awaitCalls(History history, long calls) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (history.size() < calls && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}
