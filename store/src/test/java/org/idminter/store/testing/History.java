package org.idminter.store.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.SourceIdentifier;

/**
 * Every mint call a test's workers made, as a Jepsen history records them: what was asked, then
 * {@code ok} with the IDs answered, {@code fail} when the call certainly wrote nothing (the input
 * or the pool was refused before any write), or {@code unknown} when it may or may not have
 * committed (a lost connection, a server gone during the commit, retries exhausted). Thread-safe.
 */
public final class History {
  public enum Outcome {
    OK,
    FAIL,
    UNKNOWN
  }

  /** One completed call: the requests, how it ended, the IDs answered (ok) or the error. */
  public record Op(
      int worker,
      List<MintRequest> requests,
      Outcome outcome,
      Map<SourceIdentifier, CanonicalId> ids,
      String error) {}

  private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();

  /** Invokes {@code minter} with {@code requests} and records how the call ended. */
  public void call(int worker, Minter minter, List<MintRequest> requests) {
    try {
      ops.add(new Op(worker, requests, Outcome.OK, minter.mint(requests), null));
    } catch (InvalidInputException | MintException e) {
      ops.add(new Op(worker, requests, Outcome.FAIL, Map.of(), e.getMessage()));
    } catch (IdMinterException e) {
      ops.add(new Op(worker, requests, Outcome.UNKNOWN, Map.of(), e.getMessage()));
    }
  }

  public List<Op> ops() {
    return new ArrayList<>(ops);
  }

  public int size() {
    return ops.size();
  }

  public long count(Outcome outcome) {
    return ops.stream().filter(o -> o.outcome() == outcome).count();
  }
}
