package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.store.merge.HistoryEntry;
import org.idminter.store.merge.IdState;
import org.idminter.store.merge.MergePlan;
import org.idminter.store.merge.Merges;
import org.junit.jupiter.api.Test;

/**
 * Merges on every database: every key of FROM moves to INTO with its inheritance records, FROM
 * becomes a redirect (still assigned, never handed out), redirect chains collapse, each change is
 * in the history first; refusals change nothing; the plan writes nothing; a merge is one
 * transaction (stopped at any statement, nothing changed); undo restores every row exactly, and is
 * refused while a later mint depends on the merge. The store's invariants hold after every test.
 */
public abstract class MergeContract extends StoreFixture {
  private Merges merges() {
    return store.merges();
  }

  private String tables() {
    return MappingTables.snapshot(database());
  }

  @Test
  void aMergeMovesEveryKeyAndInheritanceRecordAndLeavesARedirect() {
    CanonicalId from = mintOne("Work[sierra/b1]");
    minter.mint(List.of(req("Work[folio/f1]", "Work[sierra/b1]")));
    CanonicalId into = mintOne("Work[calm/c1]");
    String before = tables();

    MergePlan plan = merges().plan(from, into);
    assertThat(plan.refusals()).isEmpty();
    assertThat(plan.keys())
        .extracting(Object::toString)
        .containsExactly("Work[folio/f1]", "Work[sierra/b1]");
    assertThat(plan.inheritanceRecords()).isEqualTo(1);
    assertThat(tables()).as("the plan writes nothing").isEqualTo(before);

    assertThat(merges().apply(from, into, Optional.of("same work"), "run-1").changed()).isTrue();
    assertThat(lookup("Work[sierra/b1]")).isEqualTo(into);
    assertThat(lookup("Work[folio/f1]")).isEqualTo(into);
    IdState state = merges().resolve(List.of(from)).get(0);
    assertThat(state.state()).isEqualTo("redirect");
    assertThat(state.target()).contains(into);
    assertThat(merges().resolve(List.of(into)).get(0).keys()).hasSize(3);
    assertThat(
            count(
                "SELECT COUNT(*) FROM canonical_ids WHERE CanonicalId = '"
                    + from
                    + "' AND Status = 'assigned'"))
        .isEqualTo(1);
    List<HistoryEntry> history = merges().history(key("Work[sierra/b1]"));
    assertThat(history).hasSize(1);
    assertThat(history.get(0).oldId()).contains(from);
    assertThat(history.get(0).newId()).contains(into);
    assertThat(history.get(0).reason()).contains("same work");
    // Again: nothing changes.
    assertThat(merges().apply(from, into, Optional.empty(), "run-2").changed()).isFalse();
  }

  @Test
  void aRedirectToTheMergedIdIsRepointedSoNoRedirectPointsAtARedirect() {
    CanonicalId a = mintOne("Work[s/a]");
    CanonicalId b = mintOne("Work[s/b]");
    CanonicalId c = mintOne("Work[s/c]");
    merges().apply(a, b, Optional.empty(), "run-ab");
    merges().apply(b, c, Optional.empty(), "run-bc");
    assertThat(merges().resolve(List.of(a)).get(0).target()).contains(c);
    assertThat(lookup("Work[s/a]")).isEqualTo(c);
    assertThatThrownBy(() -> merges().apply(c, b, Optional.empty(), "run-cb"))
        .hasMessageContaining(b + " is itself a redirect to " + c);
  }

  @Test
  void refusalsChangeNothing() {
    CanonicalId a = mintOne("Work[s/a]");
    store.pool().topUp(3, org.idminter.core.ProgressListener.NONE);
    String free =
        MappingTables.rows(
                database(), "SELECT CanonicalId FROM canonical_ids WHERE Status = 'free'")
            .get(0);
    String before = tables();
    assertThatThrownBy(() -> merges().apply(a, a, Optional.empty(), "r"))
        .hasMessageContaining("cannot be merged into itself");
    assertThatThrownBy(() -> merges().apply(a, new CanonicalId(free), Optional.empty(), "r"))
        .hasMessageContaining(free + " is free");
    assertThatThrownBy(() -> merges().apply(new CanonicalId("zzzzzzzz"), a, Optional.empty(), "r"))
        .hasMessageContaining("zzzzzzzz is unknown");
    assertThat(tables()).isEqualTo(before);
    assertThat(merges().resolve(List.of(new CanonicalId(free))).get(0).state()).isEqualTo("free");
    assertThat(merges().resolve(List.of(new CanonicalId("zzzzzzzz"))).get(0).state())
        .isEqualTo("unknown");
  }

  @Test
  void undoRestoresEveryRowExactly() {
    CanonicalId a = mintOne("Work[s/a]");
    minter.mint(List.of(req("Work[t/a]", "Work[s/a]")));
    CanonicalId b = mintOne("Work[s/b]");
    CanonicalId z = mintOne("Work[s/z]");
    merges().apply(z, a, Optional.empty(), "run-za");
    String before = tables();
    merges().apply(a, b, Optional.empty(), "run-ab");
    assertThat(merges().undo("run-ab")).startsWith("undone: 3 key(s)");
    assertThat(tables()).isEqualTo(before);
    assertThat(merges().undo("run-ab")).contains("undone already");
    assertThat(merges().history(a)).extracting(HistoryEntry::operation).contains("merge-undo");
  }

  @Test
  void undoIsRefusedWhileAKeyMintedSinceInheritsThroughTheMerge() {
    CanonicalId a = mintOne("Work[s/a]");
    CanonicalId b = mintOne("Work[s/b]");
    merges().apply(a, b, Optional.empty(), "run-ab");
    minter.mint(List.of(req("Work[new/n]", "Work[s/a]")));
    String before = tables();
    assertThatThrownBy(() -> merges().undo("run-ab"))
        .hasMessageContaining("Work[new/n] was minted since, inheriting from Work[s/a]");
    assertThat(tables()).isEqualTo(before);
  }

  @Test
  void aMergeStoppedAtAnyStatementChangesNothing() {
    CanonicalId a = mintOne("Work[s/a]");
    minter.mint(List.of(req("Work[t/a]", "Work[s/a]")));
    CanonicalId b = mintOne("Work[s/b]");
    String before = tables();
    int total =
        stopAtEachStatement(
            crashing -> crashing.merges().apply(a, b, Optional.empty(), "crash"),
            k -> assertThat(tables()).as("after a stop before statement %d", k).isEqualTo(before));
    assertThat(total).isGreaterThan(4);
    assertThat(lookup("Work[s/a]")).isEqualTo(b);
  }
}
