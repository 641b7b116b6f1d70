package org.idminter.store.systems;

import java.util.List;
import org.idminter.store.merge.MergePlan;

/**
 * An alias apply: its run id, whether it changed anything, the plan it carried out (after any
 * merges), the collisions it merged (one merge each, run ids {@code RUN-m1}, {@code RUN-m2}…).
 */
public record AliasResult(String runId, boolean changed, AliasPlan plan, List<MergePlan> merges) {
  public AliasResult {
    merges = List.copyOf(merges);
  }
}
