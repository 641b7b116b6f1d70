package org.idminter.store.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.SourceIdentifier;

/**
 * Many workers minting overlapping keys at once, with and without predecessors. Every worker's
 * answer for a key must equal every other worker's, and predecessors' IDs must be inherited.
 */
public final class ConcurrentMinting {
  private ConcurrentMinting() {}

  public record Result(
      int calls, int distinctKeys, List<String> failures, List<String> disagreements) {}

  /** The keys: works w0..wN from "sierra", each with a "folio" successor inheriting from it. */
  public static List<MintRequest> call(int keysPerCall, int keySpace, RandomGenerator random) {
    List<MintRequest> requests = new ArrayList<>();
    for (int i = 0; i < keysPerCall; i++) {
      int n = random.nextInt(keySpace);
      SourceIdentifier sierra = new SourceIdentifier("Work", "sierra", "b" + n);
      if (random.nextBoolean()) {
        requests.add(MintRequest.of(sierra));
      } else {
        // the successor inherits; its predecessor is minted in the same call
        requests.add(MintRequest.of(sierra));
        requests.add(
            MintRequest.inheriting(new SourceIdentifier("Work", "folio", "f" + n), sierra));
      }
    }
    Collections.shuffle(requests, new java.util.Random(random.nextLong()));
    return requests;
  }

  public static Result run(
      Minter minter, int workers, int callsPerWorker, int keysPerCall, RandomGenerator random)
      throws InterruptedException {
    return run(Collections.nCopies(workers, minter), callsPerWorker, keysPerCall, random);
  }

  /** One worker per minter (several may share one), e.g. minters connected to different nodes. */
  public static Result run(
      List<Minter> minters, int callsPerWorker, int keysPerCall, RandomGenerator random)
      throws InterruptedException {
    int workers = minters.size();
    int keySpace = keysPerCall * 3;
    Map<SourceIdentifier, CanonicalId> seen = new ConcurrentHashMap<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    List<String> disagreements = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    int[] calls = {0};
    for (int w = 0; w < workers; w++) {
      long seed = random.nextLong();
      Minter minter = minters.get(w);
      futures.add(
          pool.submit(
              () -> {
                RandomGenerator r = new java.util.Random(seed);
                start.await();
                for (int i = 0; i < callsPerWorker; i++) {
                  try {
                    Map<SourceIdentifier, CanonicalId> ids =
                        minter.mint(call(keysPerCall, keySpace, r));
                    ids.forEach(
                        (k, id) -> {
                          CanonicalId earlier = seen.putIfAbsent(k, id);
                          if (earlier != null && !earlier.equals(id)) {
                            disagreements.add(k + ": " + earlier + " vs " + id);
                          }
                        });
                    ids.forEach(
                        (k, id) -> {
                          if (k.sourceSystem().equals("folio")) {
                            CanonicalId pred =
                                ids.get(
                                    new SourceIdentifier(
                                        "Work", "sierra", "b" + k.sourceId().substring(1)));
                            if (pred != null && !pred.equals(id)) {
                              disagreements.add(
                                  k + " did not inherit: " + id + " vs predecessor " + pred);
                            }
                          }
                        });
                    synchronized (calls) {
                      calls[0]++;
                    }
                  } catch (RuntimeException e) {
                    failures.add(e.toString());
                  }
                }
                return null;
              }));
    }
    start.countDown();
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
      failures.add("workers did not finish within 5 minutes");
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add(e.getCause().toString());
      }
    }
    return new Result(calls[0], seen.size(), failures, disagreements);
  }
}
