package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintException;
import org.idminter.core.MintRequest;
import org.idminter.core.Minter;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.CanonicalIdGenerator;
import org.idminter.store.IdStore;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.PoolPolicy;
import org.junit.jupiter.api.Test;

/**
 * The minting contract with new IDs generated at mint time and inserted as assigned ({@code
 * IDMINTER_ID_SOURCE=claim}): every test of {@link MinterContract} that does not test the pool
 * itself, and what this source does differently. The pool's own tests are overridden without
 * {@code @Test}, which leaves them out here, and replaced by this source's.
 */
public abstract class ClaimMinterContract extends MinterContract {
  @Override
  protected IdSource idSource() {
    return IdSource.CLAIM;
  }

  @Override
  void mintWithAutoTopUpOffFailsOnShortPoolAndLeavesPoolAsItWas() {}

  @Override
  void mintWithAutoTopUpNeverFailsBecauseThePoolIsEmpty() {}

  @Override
  void mintOfManyKeysChunksLookupsAndUsesAboutSixStatementsPlusLookupChunks() {}

  /** The new IDs', the mappings' and the inheritance's. */
  @Override
  protected int insertsOfAnInheritingCall() {
    return 3;
  }

  @Override
  void raceCompetingRowCommittedBetweenLookupAndInsertWinsAndOurClaimedIdStaysFree() {}

  @Test
  void mintNeverUsesOrNeedsThePool() {
    reopen(NO_AUTO_TOP_UP);
    store.pool().topUp(2, ProgressListener.NONE);
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(List.of(req("Work[s/1]"), req("Work[s/2]"), req("Work[s/3]")));
    assertThat(new HashSet<>(ids.values())).hasSize(3);
    assertThat(free()).isEqualTo(2);
    assertThat(assignedWithoutMapping()).isZero();
  }

  @Test
  void generatedIdsThatExistAlreadyFreeOrAssignedAreDrawnAgainInANewTransaction() {
    List<CanonicalId> draws = new CanonicalIdGenerator(new Random(SEED)).next(3);
    database()
        .execute(
            "INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('"
                + draws.get(0).value()
                + "', 'free')",
            "INSERT INTO canonical_ids (CanonicalId, Status) VALUES ('"
                + draws.get(1).value()
                + "', 'assigned')",
            "INSERT INTO identifiers (OntologyType, SourceSystem, SourceId, CanonicalId) VALUES"
                + " ('Work', 'other', 'o1', '"
                + draws.get(1).value()
                + "')");
    counter.reset();
    Map<SourceIdentifier, CanonicalId> ids =
        minter.mint(List.of(req("Work[s/a]"), req("Work[s/b]"), req("Work[s/c]")));
    // The first attempt drew draws 0..2 and failed on the primary key; the next drew others (the
    // retry's back-off draws from the same seeded source, so which exactly is not predictable).
    assertThat(new HashSet<>(ids.values()))
        .hasSize(3)
        .doesNotContainAnyElementsOf(draws.subList(0, 3));
    assertThat(
            count(
                "SELECT COUNT(*) FROM canonical_ids WHERE Status = 'free' AND CanonicalId = '"
                    + draws.get(0).value()
                    + "'"))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM canonical_ids WHERE CanonicalId = '"
                    + draws.get(2).value()
                    + "'"))
        .as("the failed attempt's third ID was rolled back with it")
        .isZero();
    assertThat(mintOne("Work[other/o1]")).isEqualTo(draws.get(1));
    assertThat(assignedWithoutMapping()).isZero();
  }

  @Test
  void mintOfManyNewKeysWritesEachIdOnceAndTheMappingsInSixStatements() {
    List<MintRequest> works = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      works.add(req("Work[sierra-system-number/b" + i + "]"));
    }
    counter.reset();
    Map<SourceIdentifier, CanonicalId> ids = minter.mint(works);
    assertThat(new HashSet<>(ids.values())).hasSize(2_500);
    // The key space's shared lock + 3 lookup chunks + the IDs' INSERT + the mappings' INSERT: no
    // walk, no locking read, no UPDATE, no free count (the pool is not used).
    assertThat(counter.statements()).isEqualTo(6);
    assertThat(counter.inserts()).isEqualTo(2);
    assertThat(free()).isZero();

    counter.reset();
    assertThat(minter.mint(works)).isEqualTo(ids);
    assertThat(counter.statements()).isEqualTo(4); // the key space's lock, then lookups only
    assertThat(counter.inserts()).isZero();
  }

  @Test
  void raceLostToACompetingRowKeepsTheWinnersIdAndDeletesTheIdThisMintInserted() {
    AtomicBoolean fired = new AtomicBoolean();
    store.close();
    store = open(NO_AUTO_TOP_UP, competingWriterOnce(fired, "Work", "s", "raced"));
    Map<SourceIdentifier, CanonicalId> ids =
        store.minter().mint(List.of(req("Work[s/raced]"), req("Work[s/calm]")));
    assertThat(ids.get(key("Work[s/raced]")).value()).isEqualTo("zzzzzzzz");
    assertThat(count("SELECT COUNT(*) FROM canonical_ids")).isEqualTo(2);
    assertThat(assignedWithoutMapping()).isZero();
  }

  @Test
  void aMintOnAnEmptyPoolFailsOrNotAsTheDatabasesDefaultSourceSays() {
    store.close();
    // Not through open(), which would pin this contract's source.
    store = IdStore.builder(database().config(NO_AUTO_TOP_UP), new Random(SEED)).open();
    boolean inserts = store.database().dialect().insertsNewIdsByDefault();
    if (inserts) {
      assertThat(store.minter().mint(List.of(req("Work[s/1]")))).hasSize(1);
    } else {
      assertThatThrownBy(() -> store.minter().mint(List.of(req("Work[s/1]"))))
          .isInstanceOf(MintException.class)
          .hasMessageContaining("free ID pool exhausted");
    }
  }

  @Test
  void claimingAndPoolMintersSharingOneDatabaseAllGetTheSameAnswer() throws Exception {
    try (IdStore pooled = open(PoolPolicy.DEFAULT.with(IdSource.POOL), () -> {})) {
      pooled.pool().topUp(2_000, ProgressListener.NONE);
      List<Minter> minters = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        minters.add(w % 2 == 0 ? minter : pooled.minter());
      }
      ConcurrentMinting.Result result = ConcurrentMinting.run(minters, 12, 40, new SecureRandom());
      assertThat(result.failures()).isEmpty();
      assertThat(result.disagreements()).isEmpty();
      assertThat(mappings()).isEqualTo(result.distinctKeys());
    }
    assertThat(assignedWithoutMapping()).isZero();
  }

  private void reopen(PoolPolicy policy) {
    store.close();
    store = open(policy, () -> {});
    minter = store.minter();
  }

  /** Assigned IDs no mapping uses: IDs a mint inserted and did not give back. */
  private long assignedWithoutMapping() {
    return count(
        "SELECT COUNT(*) FROM canonical_ids c WHERE c.Status = 'assigned' AND NOT EXISTS"
            + " (SELECT 1 FROM identifiers i WHERE i.CanonicalId = c.CanonicalId)");
  }
}
