package org.idminter.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.StoreException;
import org.idminter.core.document.Documents;
import org.idminter.core.document.IdentifiableNode;
import org.idminter.pipeline.Failure.Stage;

/**
 * Identifies works a chunk at a time: one mint call (one transaction) for all the chunk's nodes; if
 * that call fails, one call per work, so one bad work never fails the others. A failed work writes
 * nothing and leaves no mappings behind (its mint call rolled back).
 */
public final class BatchIdentifier {
  private final Minter minter;

  public BatchIdentifier(Minter minter) {
    this.minter = Objects.requireNonNull(minter);
  }

  /** A work ready to mint, or the reason it is not. */
  private sealed interface Step permits Prepared, Rejected {}

  private record Prepared(
      Work work, SourceIdentifier workKey, JsonNode document, List<IdentifiableNode> nodes)
      implements Step {
    String rowId() {
      return workKey.toString();
    }
  }

  private record Rejected(Failure failure) implements Step {}

  /**
   * Outcomes in input order.
   *
   * @throws StoreException when the database fails for every work of a chunk (fatal: unreachable)
   */
  public List<Outcome> identify(List<Work> works) {
    Outcome[] outcomes = new Outcome[works.size()];
    List<Integer> indexes = new ArrayList<>();
    List<Prepared> prepared = new ArrayList<>();
    for (int i = 0; i < works.size(); i++) {
      Step step = prepare(works.get(i));
      if (step instanceof Rejected r) {
        outcomes[i] = new Outcome.Failed(r.failure());
      } else {
        indexes.add(i);
        prepared.add((Prepared) step);
      }
    }
    if (!prepared.isEmpty()) {
      try {
        Map<SourceIdentifier, CanonicalId> ids = minter.mint(requests(prepared));
        for (int j = 0; j < prepared.size(); j++) {
          outcomes[indexes.get(j)] = embed(prepared.get(j), ids);
        }
      } catch (IdMinterException chunkFailed) {
        oneByOne(prepared, indexes, outcomes);
      }
    }
    return List.of(outcomes);
  }

  private void oneByOne(List<Prepared> prepared, List<Integer> indexes, Outcome[] outcomes) {
    StoreException lastStoreFailure = null;
    int storeFailures = 0;
    for (int j = 0; j < prepared.size(); j++) {
      Prepared p = prepared.get(j);
      try {
        outcomes[indexes.get(j)] = embed(p, minter.mint(requests(List.of(p))));
      } catch (StoreException e) {
        storeFailures++;
        lastStoreFailure = e;
        outcomes[indexes.get(j)] = new Outcome.Failed(Failure.of(p.rowId(), Stage.EMBED, e));
      } catch (IdMinterException e) {
        outcomes[indexes.get(j)] = new Outcome.Failed(Failure.of(p.rowId(), Stage.EMBED, e));
      }
    }
    if (storeFailures == prepared.size() && prepared.size() > 1) {
      throw new StoreException(
          "the database failed for every work of a chunk; stopping: "
              + lastStoreFailure.getMessage(),
          lastStoreFailure);
    }
  }

  private static List<MintRequest> requests(List<Prepared> prepared) {
    List<MintRequest> requests = new ArrayList<>();
    for (Prepared p : prepared) {
      for (IdentifiableNode n : p.nodes()) {
        requests.add(new MintRequest(n.key(), n.predecessor()));
      }
    }
    return requests;
  }

  private static Outcome embed(Prepared p, Map<SourceIdentifier, CanonicalId> ids) {
    Documents.embed(p.nodes(), ids);
    return new Outcome.Identified(
        p.work().position(), p.rowId(), p.document(), ids.get(p.workKey()).value());
  }

  /** Row id and identifiable nodes of a work, or its failure. */
  private static Step prepare(Work work) {
    if (work instanceof Work.Unreadable u) {
      return new Rejected(new Failure(u.position(), Stage.EXTRACT_ID, u.code(), u.why()));
    }
    JsonNode document = ((Work.Readable) work).document();
    if (!document.isObject()) {
      return rejected(
          work.position(),
          Stage.EXTRACT_ID,
          "expected a JSON object (a work), found " + document.getNodeType().name().toLowerCase());
    }
    JsonNode state = document.path("state");
    SourceIdentifier workKey;
    try {
      if (!state.has("sourceIdentifier")) {
        return rejected(
            work.position(), Stage.EXTRACT_ID, "the work has no state.sourceIdentifier");
      }
      workKey = Documents.key(state.get("sourceIdentifier"), "$.state.sourceIdentifier");
    } catch (IdMinterException e) {
      return new Rejected(Failure.of(work.position(), Stage.EXTRACT_ID, e));
    }
    try {
      return new Prepared(
          work, workKey, document, Documents.find(document)); // includes the state node
    } catch (IdMinterException e) {
      return new Rejected(Failure.of(workKey.toString(), Stage.EMBED, e));
    }
  }

  private static Rejected rejected(String rowId, Stage stage, String detail) {
    return new Rejected(new Failure(rowId, stage, detail));
  }
}
