package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idminter.core.CanonicalId;
import org.idminter.core.LookupResult;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.alias.AliasGroup;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.PoolPolicy;
import org.junit.jupiter.api.Test;

/**
 * The store's contract, run against every supported database by subclassing: each subclass names
 * one real database. After every test the SQL invariants are checked. Mints take new IDs from the
 * pool here; {@link ClaimMinterContract} runs the same contract with IDs inserted at mint time.
 */
public abstract class MinterContract extends StoreFixture {
  @Override
  protected IdSource idSource() {
    return IdSource.POOL;
  }

  @Test
  void mintGivesNewKeyAWellFormedIdAndRemintingReturnsItWithoutTakingFromThePool() {
    CanonicalId id = mintOne("Work[sierra-system-number/b1000001]");
    assertThat(id.value()).matches("^[a-hjkmnp-z][a-hjkmnp-z2-9]{7}$");
    long freeBefore = free();

    assertThat(mintOne("Work[sierra-system-number/b1000001]")).isEqualTo(id);
    assertThat(free()).isEqualTo(freeBefore);
    assertThat(mappings()).isEqualTo(1);
  }

  @Test
  void mintWithDuplicateKeysInOneCallTakesOneIdAndKeepsFirstSeenOrder() {
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(List.of(req("Work[s/b]"), req("Work[s/a]"), req("Work[s/b]")));
    assertThat(ids.keySet()).containsExactly(key("Work[s/b]"), key("Work[s/a]"));
    assertThat(ids.get(key("Work[s/b]"))).isNotEqualTo(ids.get(key("Work[s/a]")));
    assertThat(count("SELECT COUNT(*) FROM canonical_ids WHERE Status = 'assigned'")).isEqualTo(2);
  }

  @Test
  void mintWithExistingPredecessorInheritsItsId() {
    CanonicalId sierra = mintOne("Work[sierra-system-number/b1000001]");
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(List.of(req("Work[folio-instance/f1]", "Work[sierra-system-number/b1000001]")));
    assertThat(ids.get(key("Work[folio-instance/f1]"))).isEqualTo(sierra);
  }

  @Test
  void mintResolvesPredecessorChainsInsideOneCallAndRecordsAliases() {
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(
            List.of(
                req("Work[c/3]", "Work[b/2]"), req("Work[b/2]", "Work[a/1]"), req("Work[a/1]")));
    assertThat(new HashSet<>(ids.values())).hasSize(1);

    List<AliasGroup> groups = store.aliases().list(List.of());
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).members())
        .extracting(m -> m.key().toString() + ":" + m.role() + ":" + m.basis())
        .containsExactlyInAnyOrder(
            "Work[a/1]:ORIGINAL:RECORDED", "Work[b/2]:ALIAS:RECORDED", "Work[c/3]:ALIAS:RECORDED");
  }

  @Test
  void mintWithUnknownPredecessorFailsNamingBothKeysAndWritesNothing() {
    mintOne("Work[s/existing]");
    long freeBefore = free();
    assertThatThrownBy(
            () ->
                minter.mint(
                    List.of(req("Work[s/new]"), req("Work[folio/f9]", "Work[sierra/missing]"))))
        .isInstanceOf(MintException.class)
        .hasMessageContaining("predecessor not found: Work[folio/f9] <- Work[sierra/missing]");
    assertThat(mappings()).isEqualTo(1);
    assertThat(free()).isEqualTo(freeBefore);
  }

  @Test
  void mintWithPredecessorCycleFailsWithClearError() {
    assertThatThrownBy(
            () ->
                minter.mint(List.of(req("Work[a/1]", "Work[b/2]"), req("Work[b/2]", "Work[a/1]"))))
        .isInstanceOf(MintException.class)
        .hasMessageContaining("predecessor cycle: Work[a/1] <- Work[b/2] <- Work[a/1]");
    assertThatThrownBy(() -> minter.mint(List.of(req("Work[a/1]", "Work[a/1]"))))
        .isInstanceOf(MintException.class)
        .hasMessageContaining("predecessor cycle");
    assertThat(mappings()).isZero();
  }

  @Test
  void mintWithConflictingPredecessorsFailsBeforeAnySql() {
    counter.reset();
    assertThatThrownBy(() -> minter.mint(List.of(req("Work[a/1]", "Work[p/1]"), req("Work[a/1]"))))
        .isInstanceOf(MintException.class)
        .hasMessageContaining("conflicting predecessors for Work[a/1]");
    assertThat(counter.statements()).isZero();
  }

  @Test
  void mintOfMappedKeyKeepsItsIdWhateverPredecessorIsGivenNow() {
    CanonicalId original = mintOne("Work[folio/f1]");
    mintOne("Work[sierra/b1]");
    assertThat(
            minter
                .mint(List.of(req("Work[folio/f1]", "Work[sierra/b1]")))
                .get(key("Work[folio/f1]")))
        .isEqualTo(original);
  }

  @Test
  void mintNormalisesAgentLikeOntologyTypesToConceptButReturnsKeysAsRequested() {
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(
            List.of(
                req("Person[lc-names/n123]"),
                req("Agent[lc-names/n123]"),
                req("Concept[lc-names/n123]")));
    assertThat(ids).hasSize(3);
    assertThat(new HashSet<>(ids.values())).hasSize(1);
    assertThat(count("SELECT COUNT(*) FROM identifiers WHERE OntologyType = 'Concept'"))
        .isEqualTo(1);
    assertThat(minter.lookup(List.of(key("Place[lc-names/n123]"))).found())
        .containsValue(ids.get(key("Person[lc-names/n123]")));
  }

  @Test
  void mintComparesKeysExactlyIncludingCaseAndTrailingSpaces() {
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(List.of(req("Work[s/b1234]"), req("Work[s/B1234]"), req("Work[s/b1234 ]")));
    assertThat(new HashSet<>(ids.values())).hasSize(3);
    assertThat(mintOne("Work[s/B1234]")).isEqualTo(ids.get(key("Work[s/B1234]")));
    assertThat(mappings()).isEqualTo(3);
  }

  @Test
  void mintWithAutoTopUpOffFailsOnShortPoolAndLeavesPoolAsItWas() {
    store.close();
    store = open(NO_AUTO_TOP_UP, () -> {});
    store.pool().topUp(2, ProgressListener.NONE);
    assertThatThrownBy(
            () ->
                store.minter().mint(List.of(req("Work[s/1]"), req("Work[s/2]"), req("Work[s/3]"))))
        .isInstanceOf(MintException.class)
        .hasMessageContaining("free ID pool exhausted: needed 3, got 2");
    assertThat(free()).isEqualTo(2);
    assertThat(mappings()).isZero();
  }

  @Test
  void mintWithAutoTopUpNeverFailsBecauseThePoolIsEmpty() {
    store.close();
    store = open(new PoolPolicy(true, 10, 20), () -> {});
    List<MintRequest> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(req("Item[s/i" + i + "]"));
    }
    assertThat(store.minter().mint(many)).hasSize(250);
    assertThat(free()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void poolTopUpReachesDesiredFreeCountAndRejectsNonPositive() {
    var result = store.pool().topUp(5_000, ProgressListener.NONE);
    assertThat(result.freeAfter()).isGreaterThanOrEqualTo(5_000);
    assertThat(store.pool().status().free()).isEqualTo(result.freeAfter());
    long before = free();
    assertThat(store.pool().topUp(100, ProgressListener.NONE).inserted()).isZero();
    assertThatThrownBy(() -> store.pool().topUp(0, ProgressListener.NONE))
        .hasMessageContaining("must be positive");
    assertThat(free()).isEqualTo(before);
  }

  @Test
  void lookupReturnsFoundAndMissingAndNeverMints() {
    CanonicalId id = mintOne("Work[s/found]");
    long before = mappings();
    LookupResult r = minter.lookup(List.of(key("Work[s/found]"), key("Work[s/missing]")));
    assertThat(r.found()).containsExactly(Map.entry(key("Work[s/found]"), id));
    assertThat(r.missing()).containsExactly(key("Work[s/missing]"));
    assertThat(mappings()).isEqualTo(before);
  }

  @Test
  void mintOfManyKeysChunksLookupsAndUsesAboutSixStatementsPlusLookupChunks() {
    List<MintRequest> works = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      works.add(req("Work[sierra-system-number/b" + i + "]"));
    }
    store.pool().topUp(5_000, ProgressListener.NONE);
    counter.reset();
    Map<SourceIdentifier, CanonicalId> ids = minter.mint(works);
    assertThat(new HashSet<>(ids.values())).hasSize(2_500);
    // The key space's shared lock + 3 lookup chunks + claim (1 candidate read, +1 when it wraps,
    // and 3 locking reads of at most 1,000 IDs) + insert + mark assigned + 1 bounded free count
    // after commit. No verify read: the insert proved every row new.
    assertThat(counter.statements()).isBetween(11L, 12L);
    assertThat(counter.inserts()).isEqualTo(1);

    counter.reset();
    assertThat(minter.mint(works)).isEqualTo(ids);
    assertThat(counter.statements()).isEqualTo(4); // the key space's lock, then lookups only
    assertThat(counter.inserts()).isZero();
  }

  /** INSERTs of a call minting new keys with inheritance: the mappings and the inheritance. */
  protected int insertsOfAnInheritingCall() {
    return 2;
  }

  @Test
  void mintWithInheritanceUsesAFixedNumberOfInserts() {
    mintOne("Work[sierra/b1]");
    counter.reset();
    minter.mint(
        List.of(
            req("Work[folio/f1]", "Work[sierra/b1]"),
            req("Item[folio/i1]"),
            req("Item[folio/i2]", "Item[folio/i1]")));
    assertThat(counter.inserts()).isEqualTo(insertsOfAnInheritingCall());
  }

  @Test
  void raceCompetingRowCommittedBetweenLookupAndInsertWinsAndOurClaimedIdStaysFree() {
    store.close();
    AtomicBoolean fired = new AtomicBoolean();
    store = open(NO_AUTO_TOP_UP, competingWriterOnce(fired, "Work", "s", "raced"));
    store.pool().topUp(50, ProgressListener.NONE);
    long freeBefore = free();
    Map<SourceIdentifier, CanonicalId> ids = store.minter().mint(List.of(req("Work[s/raced]")));
    assertThat(ids.get(key("Work[s/raced]")).value()).isEqualTo("zzzzzzzz");
    assertThat(free()).isEqualTo(freeBefore);
  }

  @Test
  void raceCompetingRowForAnInheritingKeyWinsAndNoInheritanceIsRecorded() {
    store.close();
    AtomicBoolean fired = new AtomicBoolean();
    store = open(PoolPolicy.DEFAULT, competingWriterOnce(fired, "Work", "folio", "f1"));
    fired.set(true);
    CanonicalId sierra =
        store.minter().mint(List.of(req("Work[sierra/b1]"))).get(key("Work[sierra/b1]"));
    fired.set(false);
    Map<SourceIdentifier, CanonicalId> ids =
        store.minter().mint(List.of(req("Work[folio/f1]", "Work[sierra/b1]")));
    assertThat(ids.get(key("Work[folio/f1]")).value())
        .isEqualTo("zzzzzzzz")
        .isNotEqualTo(sierra.value());
    assertThat(count("SELECT COUNT(*) FROM identifier_inheritance")).isZero();
  }

  @Test
  void raceWherePredecessorInTheSameCallLosesRetriesAndInheritsTheWinnersId() {
    store.close();
    AtomicBoolean fired = new AtomicBoolean();
    store = open(PoolPolicy.DEFAULT, competingWriterOnce(fired, "Work", "a", "1"));
    Map<SourceIdentifier, CanonicalId> ids =
        store.minter().mint(List.of(req("Work[a/1]"), req("Work[b/2]", "Work[a/1]")));
    assertThat(ids.values()).extracting(CanonicalId::value).containsOnly("zzzzzzzz");
  }

  @Test
  void aliasesFallBackToEarliestCreatedAtForRowsOtherToolsWrote() {
    database()
        .execute(
            "INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('abcdefgh', 'assigned')",
            "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt) VALUES"
                + " ('Work', 'new', 'n1', 'abcdefgh', TIMESTAMP '2024-01-02 00:00:00')",
            "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt) VALUES"
                + " ('Work', 'old', 'o1', 'abcdefgh', TIMESTAMP '2024-01-01 00:00:00')");
    List<AliasGroup> groups = store.aliases().list(List.of(new CanonicalId("abcdefgh")));
    assertThat(groups.get(0).members())
        .extracting(m -> m.key() + ":" + m.role() + ":" + m.basis())
        .containsExactly("Work[old/o1]:ORIGINAL:CREATED_AT", "Work[new/n1]:ALIAS:CREATED_AT");
    // rows written by another tool may share IDs without a recorded inheritance: remove them
    // before the invariant check, which holds for everything idminter writes.
    database().execute("DELETE FROM identifiers WHERE CanonicalId = 'abcdefgh'");
  }

  @Test
  void idsMintedUnderOlderRulesAreReadAsTheyAreAndNeverHandedOut() {
    database()
        .execute(
            "INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('f0000000', 'assigned')",
            "INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('i000001', 'assigned')",
            "INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('a0000000', 'free')",
            "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES"
                + " ('Work', 'old', 'w1', 'f0000000')",
            "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES"
                + " ('Item', 'old', 'i1', 'i000001')");
    assertThat(minter.lookup(List.of(key("Work[old/w1]"), key("Item[old/i1]"))).found())
        .containsExactly(
            Map.entry(key("Work[old/w1]"), new CanonicalId("f0000000")),
            Map.entry(key("Item[old/i1]"), new CanonicalId("i000001")));
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(
            List.of(req("Work[old/w1]"), req("Work[new/n1]", "Work[old/w1]"), req("Work[new/n2]")));
    assertThat(ids.get(key("Work[old/w1]")).value()).isEqualTo("f0000000");
    assertThat(ids.get(key("Work[new/n1]")).value()).isEqualTo("f0000000");
    assertThat(ids.get(key("Work[new/n2]")).isCurrent()).isTrue();
    assertThat(store.pool().countOlderFormat()).isEqualTo(3);
    try (Connection c = database().connect()) {
      c.setAutoCommit(false);
      database()
          .execute("DELETE FROM canonical_ids WHERE Status = 'free' AND CanonicalId <> 'a0000000'");
      assertThat(store.pool().take(c, 1)).as("a pool claim skips a free older-format ID").isEmpty();
      c.rollback();
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    // The invariant checker holds idminter's own writes to today's format: remove the planted rows.
    database()
        .execute(
            "DELETE FROM identifier_inheritance WHERE CanonicalId = 'f0000000'",
            "DELETE FROM identifiers WHERE CanonicalId IN ('f0000000', 'i000001')",
            "DELETE FROM canonical_ids WHERE CanonicalId IN ('f0000000', 'i000001', 'a0000000')");
  }

  @Test
  void statisticsRefreshRunsHereAndNamesATableItCannotAnalyze() throws Exception {
    var dialect = store.database().dialect();
    try (Connection c = database().connect()) {
      dialect.refreshStatistics(c, List.of("identifiers", "canonical_ids"));
      assertThatThrownBy(() -> dialect.refreshStatistics(c, List.of("no_such_table")))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no_such_table");
    }
  }

  @Test
  void concurrentClaimsHoldingTheirLocksEachGetAllTheyAskForAndNeverTheSameId() throws Exception {
    store.pool().topUp(2_000, ProgressListener.NONE);
    int workers = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(workers);
    java.util.concurrent.CyclicBarrier allHolding = new java.util.concurrent.CyclicBarrier(workers);
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(workers);
    List<java.util.concurrent.Future<List<CanonicalId>>> claims = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      claims.add(
          threads.submit(
              () -> {
                try (Connection c = database().connect()) {
                  c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                  c.setAutoCommit(false);
                  start.await(1, java.util.concurrent.TimeUnit.MINUTES);
                  List<CanonicalId> claimed =
                      store.pool().take(c, 100); // one claim per transaction, as minting does
                  allHolding.await(1, java.util.concurrent.TimeUnit.MINUTES);
                  c.rollback();
                  return claimed;
                }
              }));
    }
    threads.shutdown();
    List<CanonicalId> all = new ArrayList<>();
    for (var f : claims) {
      List<CanonicalId> claimed = f.get(2, java.util.concurrent.TimeUnit.MINUTES);
      assertThat(claimed).hasSize(100).doesNotHaveDuplicates();
      all.addAll(claimed);
    }
    assertThat(all).hasSize(800).doesNotHaveDuplicates();
    assertThat(free()).isEqualTo(2_000);
  }

  @Test
  void concurrentMintersWithOverlappingKeysAllGetTheSameAnswer() throws Exception {
    store.pool().topUp(2_000, ProgressListener.NONE);
    ConcurrentMinting.Result result = ConcurrentMinting.run(minter, 8, 12, 40, new SecureRandom());
    assertThat(result.failures()).isEmpty();
    assertThat(result.disagreements()).isEmpty();
    assertThat(result.calls()).isEqualTo(8 * 12);
    assertThat(mappings()).isEqualTo(result.distinctKeys());
  }
}
