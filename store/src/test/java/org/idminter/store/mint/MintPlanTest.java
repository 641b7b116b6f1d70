package org.idminter.store.mint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.SystemAliases;
import org.junit.jupiter.api.Test;

class MintPlanTest {
  private static SourceIdentifier k(String s) {
    return SourceIdentifier.parse(s);
  }

  @Test
  void conflictingPredecessorsFailTheWholeCall() {
    assertThatThrownBy(
            () ->
                MintPlan.of(
                    List.of(
                        MintRequest.inheriting(k("Work[a/1]"), k("Work[p/1]")),
                        MintRequest.inheriting(k("Work[a/1]"), k("Work[p/2]")))))
        .isInstanceOf(MintException.class)
        .hasMessageContaining("conflicting predecessors for Work[a/1]: Work[p/1] and Work[p/2]");
  }

  @Test
  void keysUnderAnAliasAreStoredUnderItsCanonicalSystemAndAnsweredAsGiven() {
    SystemAliases aliases = new SystemAliases(Map.of("lcnaf", "lc-names"));
    MintPlan plan =
        MintPlan.of(
            List.of(
                MintRequest.inheriting(k("Work[lcnaf/1]"), k("Work[lcnaf/0]")),
                MintRequest.inheriting(k("Work[lc-names/1]"), k("Work[lc-names/0]")),
                MintRequest.of(k("Work[other/1]"))),
            aliases);
    assertThat(plan.size()).isEqualTo(2);
    assertThat(plan.lookupKeys())
        .containsExactly(k("Work[lc-names/1]"), k("Work[other/1]"), k("Work[lc-names/0]"));
    CanonicalId id = new CanonicalId("abcdefgh");
    assertThat(plan.result(Map.of(k("Work[lc-names/1]"), id, k("Work[other/1]"), id)))
        .containsOnlyKeys(k("Work[lcnaf/1]"), k("Work[lc-names/1]"), k("Work[other/1]"));
    assertThatThrownBy(
            () ->
                MintPlan.of(
                    List.of(
                        MintRequest.inheriting(k("Work[lcnaf/1]"), k("Work[p/1]")),
                        MintRequest.inheriting(k("Work[lc-names/1]"), k("Work[p/2]"))),
                    aliases))
        .hasMessageContaining("conflicting predecessors for Work[lc-names/1]");
  }

  @Test
  void samePredecessorTwiceIsNotAConflictAndNormalisedTypesDeduplicate() {
    MintPlan plan =
        MintPlan.of(
            List.of(
                MintRequest.inheriting(k("Person[a/1]"), k("Agent[p/1]")),
                MintRequest.inheriting(k("Agent[a/1]"), k("Person[p/1]"))));
    assertThat(plan.size()).isEqualTo(1);
    assertThat(plan.lookupKeys()).containsExactly(k("Concept[a/1]"), k("Concept[p/1]"));
  }

  @Test
  void chainsResolveToTheirRootAndExistingKeysAreLeftAlone() {
    MintPlan plan =
        MintPlan.of(
            List.of(
                MintRequest.inheriting(k("Work[c/3]"), k("Work[b/2]")),
                MintRequest.inheriting(k("Work[b/2]"), k("Work[a/1]")),
                MintRequest.of(k("Work[a/1]")),
                MintRequest.inheriting(k("Work[x/9]"), k("Work[old/1]")),
                MintRequest.of(k("Work[known/1]"))));
    CanonicalId old = new CanonicalId("abcdefgh");
    MintPlan.Resolution r =
        plan.resolve(
            Map.of(k("Work[old/1]"), old, k("Work[known/1]"), new CanonicalId("bcdefghj")));
    assertThat(r.roots()).containsExactly(k("Work[a/1]"));
    assertThat(r.anchorOf())
        .containsEntry(k("Work[c/3]"), k("Work[a/1]"))
        .containsEntry(k("Work[x/9]"), k("Work[old/1]"));
    Map<SourceIdentifier, CanonicalId> planned =
        r.assign(List.of(new CanonicalId("cdefghjk")), Map.of(k("Work[old/1]"), old));
    assertThat(planned)
        .containsEntry(k("Work[c/3]"), new CanonicalId("cdefghjk"))
        .containsEntry(k("Work[x/9]"), old)
        .doesNotContainKey(k("Work[known/1]"));
  }

  @Test
  void missingPredecessorAndCyclesAreRefused() {
    MintPlan missing = MintPlan.of(List.of(MintRequest.inheriting(k("Work[b/2]"), k("Work[a/1]"))));
    assertThatThrownBy(() -> missing.resolve(Map.of()))
        .hasMessageContaining("predecessor not found: Work[b/2] <- Work[a/1]");
    MintPlan cycle =
        MintPlan.of(
            List.of(
                MintRequest.inheriting(k("Work[a/1]"), k("Work[b/1]")),
                MintRequest.inheriting(k("Work[b/1]"), k("Work[c/1]")),
                MintRequest.inheriting(k("Work[c/1]"), k("Work[a/1]"))));
    assertThatThrownBy(() -> cycle.resolve(Map.of()))
        .hasMessageContaining(
            "predecessor cycle: Work[a/1] <- Work[b/1] <- Work[c/1] <- Work[a/1]");
  }
}
