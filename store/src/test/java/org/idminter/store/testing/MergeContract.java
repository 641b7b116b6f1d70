package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** Every row of the mapping tables, as text (CreatedAt included). */
  private String tables() {
    List<String> out = new ArrayList<>();
    for (String sql :
        List.of(
            "SELECT OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt FROM identifiers"
                + " ORDER BY OntologyType, SourceSystem, SourceId",
            "SELECT OntologyType, SourceSystem, SourceId, CanonicalId FROM identifier_inheritance"
                + " ORDER BY OntologyType, SourceSystem, SourceId",
            "SELECT CanonicalId, Status FROM canonical_ids ORDER BY CanonicalId",
            "SELECT CanonicalId, TargetId FROM identifier_redirects ORDER BY CanonicalId")) {
      try (Connection c = database().connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(rs.getString(i)).append(' ');
          }
          out.add(row.toString());
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join("\n", out);
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
    String free = rows("SELECT CanonicalId FROM canonical_ids WHERE Status = 'free'").get(0);
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
    int total = 0;
    for (int k = 1; ; k++) {
      // Each stop is a new process: the store is opened first, then its statements are counted.
      AtomicBoolean armed = new AtomicBoolean();
      AtomicInteger seen = new AtomicInteger();
      int stopAt = k;
      try (var crashing =
          openWith(
              StatementHooks.onEachStatement(
                  sql -> {
                    if (armed.get() && seen.incrementAndGet() >= stopAt) {
                      throw new StatementHooks.SimulatedCrash(stopAt);
                    }
                  }))) {
        armed.set(true);
        try {
          crashing.merges().apply(a, b, Optional.empty(), "crash");
        } catch (StatementHooks.SimulatedCrash expected) {
          assertThat(tables()).as("after a stop before statement %d", k).isEqualTo(before);
          continue;
        }
      }
      total = k - 1; // the merge ran whole: it has k - 1 statements
      break;
    }
    assertThat(total).isGreaterThan(4);
    assertThat(lookup("Work[s/a]")).isEqualTo(b);
  }

  /** A store whose connections pass through {@code decorator}, without retries. */
  private org.idminter.store.IdStore openWith(
      java.util.function.UnaryOperator<Connection> decorator) {
    return org.idminter.store.IdStore.builder(
            new org.idminter.store.StoreConfig(
                database().config().jdbcUrl(),
                database().config().user(),
                database().config().password(),
                false,
                NO_AUTO_TOP_UP,
                8),
            new java.util.Random(1))
        .retryPolicy(
            new org.idminter.store.jdbc.RetryPolicy(
                1, java.time.Duration.ZERO, java.time.Duration.ZERO))
        .connectionDecorator(decorator)
        .open();
  }

  private CanonicalId lookup(String k) {
    return minter.lookup(List.of(key(k))).found().get(key(k));
  }

  private List<String> rows(String sql) {
    List<String> out = new ArrayList<>();
    try (Connection c = database().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
