package org.idminter.store.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.ProgressListener;
import org.idminter.store.merge.HistoryEntry;
import org.idminter.store.systems.AliasPlan;
import org.idminter.store.systems.AliasResult;
import org.idminter.store.systems.SourceSystems;
import org.idminter.store.systems.SystemsListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source-system aliases on every database: the plan classifies every alias-keyed row and writes
 * nothing; apply moves every row (mappings, inheritance records, the redirects stay valid) and
 * records the alias in one transaction, so a stop at any statement changes nothing and a rerun ends
 * where an uninterrupted run does; mint, lookup and import then treat alias keys as canonical keys;
 * undo restores every row exactly, and is refused while something minted since depends on the
 * alias. The store's invariants hold after every test.
 */
public abstract class AliasContract extends StoreFixture {
  @TempDir Path dir;

  private SourceSystems systems() {
    return store.systems();
  }

  private String tables() {
    return MappingTables.snapshot(database());
  }

  /** IDs of the story's keys, minted the way real databases got them. */
  private record Story(
      CanonicalId rekeyed,
      CanonicalId shared,
      CanonicalId aliasOnly,
      CanonicalId canonOnly,
      CanonicalId merged) {}

  /**
   * The data-loss story's seed: an alias key alone (with a key inheriting from it and a redirect
   * onto its ID), an alias key sharing its canonical key's ID through inheritance, and an alias key
   * whose canonical key has another ID (a collision).
   */
  private Story story() {
    CanonicalId rekeyed = mintOne("Work[lcnaf/n1]");
    minter.mint(List.of(req("Work[sierra/b1]", "Work[lcnaf/n1]")));
    CanonicalId merged = mintOne("Work[sierra/old]");
    store.merges().apply(merged, rekeyed, Optional.of("same work"), "seed-merge");
    CanonicalId shared = mintOne("Work[lc-names/n2]");
    minter.mint(List.of(req("Work[lcnaf/n2]", "Work[lc-names/n2]")));
    CanonicalId aliasOnly = mintOne("Work[lcnaf/n3]");
    CanonicalId canonOnly = mintOne("Work[lc-names/n3]");
    return new Story(rekeyed, shared, aliasOnly, canonOnly, merged);
  }

  @Test
  void thePlanClassifiesEveryAliasRowAndWritesNothing() {
    Story s = story();
    String before = tables() + everyOtherTable();
    AliasPlan plan = systems().plan("lcnaf", "lc-names");
    assertThat(tables() + everyOtherTable()).as("the plan writes nothing").isEqualTo(before);
    assertThat(plan.refusals()).isEmpty();
    assertThat(plan.rekey()).extracting(r -> r.key().toString()).containsExactly("Work[lcnaf/n1]");
    assertThat(plan.retire()).extracting(r -> r.key().toString()).containsExactly("Work[lcnaf/n2]");
    assertThat(plan.collisions()).hasSize(1);
    assertThat(plan.collisions().get(0).aliasId()).isEqualTo(s.aliasOnly());
    assertThat(plan.collisions().get(0).canonicalId()).isEqualTo(s.canonOnly());
    assertThat(plan.inheritance())
        .extracting(i -> i.key() + " " + i.action())
        .containsExactly("Work[lcnaf/n2] retired", "Work[sierra/b1] moved");
    assertThat(plan.inheritance().get(1).newPredecessor().orElseThrow().toString())
        .isEqualTo("Work[lc-names/n1]");
    assertThat(plan.redirects()).extracting(r -> r.from()).containsExactly(s.merged());
    assertThat(plan.aliasRows()).isEqualTo(3);
  }

  @Test
  void collisionsAreRefusedWithoutMergeAndNothingChanges() {
    story();
    String before = tables();
    assertThatThrownBy(() -> systems().apply("lcnaf", "lc-names", false, false, "run-a"))
        .hasMessageContaining("1 collision(s)")
        .hasMessageContaining("Work[lcnaf/n3]")
        .hasMessageContaining("--merge")
        .hasMessageContaining("nothing was changed");
    assertThat(tables()).isEqualTo(before);
  }

  @Test
  void applyMovesEveryRowAndMintLookupAndImportFollowTheAlias() throws Exception {
    Story s = story();
    long mappingsBefore = mappings();
    AliasResult result = systems().apply("lcnaf", "lc-names", true, false, "run-a");
    assertThat(result.changed()).isTrue();
    assertThat(result.merges()).hasSize(1);
    // Conservation: every row before is a row after or retired with a history row.
    long retired = result.plan().retire().size();
    assertThat(retired).isEqualTo(2);
    assertThat(mappings()).isEqualTo(mappingsBefore - retired);
    assertThat(count("SELECT COUNT(*) FROM identifiers WHERE SourceSystem = 'lcnaf'")).isZero();
    for (String k : List.of("Work[lcnaf/n2]", "Work[lcnaf/n3]")) {
      assertThat(store.merges().history(key(k)))
          .extracting(HistoryEntry::operation)
          .contains("alias-retire");
    }
    // Every original key still finds its entity: as given, through the alias.
    assertThat(lookup("Work[lcnaf/n1]")).isEqualTo(s.rekeyed());
    assertThat(lookup("Work[lc-names/n1]")).isEqualTo(s.rekeyed());
    assertThat(lookup("Work[lcnaf/n2]")).isEqualTo(s.shared());
    assertThat(lookup("Work[lcnaf/n3]")).isEqualTo(s.canonOnly());
    assertThat(store.merges().resolve(List.of(s.aliasOnly())).get(0).target())
        .contains(s.canonOnly());
    assertThat(store.merges().resolve(List.of(s.merged())).get(0).target()).contains(s.rekeyed());
    assertThat(lookup("Work[sierra/b1]")).isEqualTo(s.rekeyed());
    // A mint under the alias is stored under the canonical system, answered as given.
    Map<org.idminter.core.SourceIdentifier, CanonicalId> minted =
        minter.mint(List.of(req("Work[lcnaf/n9]"), req("Work[lcnaf/n1]")));
    assertThat(minted).containsKeys(key("Work[lcnaf/n9]"), key("Work[lcnaf/n1]"));
    assertThat(minted.get(key("Work[lcnaf/n1]"))).isEqualTo(s.rekeyed());
    assertThat(lookup("Work[lc-names/n9]")).isEqualTo(minted.get(key("Work[lcnaf/n9]")));
    // An import of an alias key is stored under the canonical system too.
    Path csv = dir.resolve("in.csv");
    Files.writeString(
        csv, "CanonicalId,OntologyType,SourceId,SourceSystem\nkmpk2345,Work,n7,lcnaf\n");
    store.importer().importCsv(csv, ProgressListener.NONE);
    assertThat(lookup("Work[lc-names/n7]")).isEqualTo(new CanonicalId("kmpk2345"));
    // Listed, and applying again changes nothing.
    SystemsListing listing = systems().list();
    assertThat(listing.aliases())
        .extracting(a -> a.alias() + ">" + a.canonical())
        .containsExactly("lcnaf>lc-names");
    assertThat(listing.systems())
        .extracting(SystemsListing.SystemCount::system)
        .doesNotContain("lcnaf");
    assertThat(systems().apply("lcnaf", "lc-names", true, false, "run-b").changed()).isFalse();
  }

  @Test
  void undoRestoresEveryRowExactlyMergesIncluded() {
    story();
    String before = tables();
    systems().apply("lcnaf", "lc-names", true, false, "run-a");
    assertThat(tables()).isNotEqualTo(before);
    assertThat(systems().undo("lcnaf")).startsWith("undone: 1 mapping(s)");
    assertThat(tables()).isEqualTo(before);
    assertThatThrownBy(() -> systems().undo("lcnaf"))
        .hasMessageContaining("no alias lcnaf is recorded");
    // The alias can be declared again after its undo.
    assertThat(systems().apply("lcnaf", "lc-names", true, false, "run-c").changed()).isTrue();
  }

  /** The history, the saved rows and the key space's row, which the mapping snapshot leaves out. */
  private String everyOtherTable() {
    return MappingTables.rows(
            database(),
            "SELECT Id, OntologyType, SourceSystem, SourceId, CanonicalId, Operation, RunId FROM identifier_history ORDER BY Id")
        + "\n"
        + MappingTables.rows(
            database(),
            "SELECT RunId, TableName, OntologyType, SourceSystem, SourceId, Action FROM source_system_alias_saved ORDER BY Id")
        + "\n"
        + MappingTables.rows(database(), "SELECT name, version FROM idminter_locks ORDER BY name");
  }

  @Test
  void anUndoStoppedAtAnyStatementChangesNothingAndARerunRestoresEveryRow() {
    story();
    String before = tables();
    systems().apply("lcnaf", "lc-names", true, false, "run-a");
    String applied = tables();
    int total =
        stopAtEachStatement(
            crashing -> crashing.systems().undo("lcnaf"),
            k -> assertThat(tables()).as("after a stop before statement %d", k).isEqualTo(applied));
    assertThat(total).isGreaterThan(10);
    assertThat(tables()).isEqualTo(before);
  }

  @Test
  void undoIsRefusedWhileAKeyMintedSinceInheritsFromAMovedKey() {
    story();
    systems().apply("lcnaf", "lc-names", true, false, "run-a");
    minter.mint(List.of(req("Work[folio/f1]", "Work[lcnaf/n1]")));
    String before = tables();
    assertThatThrownBy(() -> systems().undo("lcnaf"))
        .hasMessageContaining("Work[folio/f1] was minted since, inheriting from Work[lc-names/n1]")
        .hasMessageContaining("nothing was changed");
    assertThat(tables()).isEqualTo(before);
  }

  @Test
  void refusals() {
    mintOne("Work[a/1]");
    mintOne("Work[b/2]");
    String before = tables();
    assertThatThrownBy(() -> systems().apply("a", "a", false, false, "r"))
        .hasMessageContaining("cannot be an alias of itself");
    assertThatThrownBy(() -> systems().apply("nosuch", "a", false, false, "r"))
        .hasMessageContaining("--allow-empty");
    assertThat(tables()).isEqualTo(before);
    systems().apply("a", "b", false, false, "r1");
    assertThatThrownBy(() -> systems().apply("c", "a", false, true, "r2"))
        .hasMessageContaining("a is itself an alias of b");
    assertThatThrownBy(() -> systems().apply("b", "d", false, true, "r3"))
        .hasMessageContaining("a already an alias of b");
    assertThatThrownBy(() -> systems().apply("a", "d", false, true, "r4"))
        .hasMessageContaining("a is already an alias of b");
    assertThat(systems().apply("e", "b", false, true, "r5").changed()).isTrue();
  }

  @Test
  void anApplyStoppedAtAnyStatementChangesNothingAndARerunEndsAsAnUninterruptedOne() {
    story();
    String before = tables();
    systems().apply("lcnaf", "lc-names", true, false, "run-a");
    String uninterrupted = tables();
    systems().undo("lcnaf");
    assertThat(tables()).isEqualTo(before);
    int total =
        stopAtEachStatement(
            crashing -> crashing.systems().apply("lcnaf", "lc-names", true, false, "run-a"),
            k -> assertThat(tables()).as("after a stop before statement %d", k).isEqualTo(before));
    assertThat(total).isGreaterThan(10);
    assertThat(tables()).isEqualTo(uninterrupted);
  }

  @Test
  void onTheSampleEveryOriginalKeyStillFindsItsOriginalIdThroughTheThreeAliases() {
    Map<org.idminter.core.SourceIdentifier, CanonicalId> sample = SampleData.sampleMappings();
    store.importer().importCsv(SampleData.sampleCsv(), ProgressListener.NONE);
    long before = mappings();
    String[][] pairs = {
      {"library-of-congress-names", "lc-names"},
      {"library-of-congress-subject-headings", "lc-subjects"},
      {"medical-subject-headings", "nlm-mesh"}
    };
    long moved = 0;
    for (String[] p : pairs) {
      AliasPlan plan = systems().plan(p[0], p[1]);
      assertThat(plan.refusals()).isEmpty();
      assertThat(plan.collisions()).isEmpty();
      assertThat(plan.aliasRows()).isPositive();
      moved += plan.aliasRows();
      assertThat(systems().apply(p[0], p[1], false, false, "sample-" + p[0]).plan().rekey())
          .hasSize(plan.aliasRows());
    }
    assertThat(moved).isEqualTo(25);
    assertThat(mappings()).isEqualTo(before);
    var found = minter.lookup(sample.keySet());
    assertThat(found.missing()).isEmpty();
    sample.forEach((k, id) -> assertThat(found.found().get(k)).as(k.toString()).isEqualTo(id));
  }

  @Test
  void mintsDuringAMergeAndAnAliasApplyAllResolveToTheEntityTheirKeyHasAfterwards()
      throws Exception {
    for (int i = 0; i < 10; i++) {
      mintOne("Work[lcnaf/k" + i + "]");
      mintOne("Work[lc-names/k" + i + "]"); // ten collisions for the alias to merge
    }
    CanonicalId from = mintOne("Work[from/f]");
    CanonicalId into = mintOne("Work[into/i]");
    int workers = 8;
    int calls = 30;
    java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();
    // Every (key as given, ID returned): a key minted again after a merge returns its new ID.
    java.util.Set<Map.Entry<String, CanonicalId>> returned =
        java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(workers);
    List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
    for (int w = 0; w < workers; w++) {
      java.util.Random random = new java.util.Random(w);
      futures.add(
          threads.submit(
              () -> {
                for (int call = 0; call < calls; call++) {
                  List<org.idminter.core.MintRequest> batch = new java.util.ArrayList<>();
                  for (int k = 0; k < 5; k++) {
                    int n = random.nextInt(60);
                    String pred =
                        n % 3 == 0
                            ? "Work[from/f]"
                            : "Work[" + (n % 2 == 0 ? "lcnaf" : "lc-names") + "/k" + n % 20 + "]";
                    batch.add(req(pred));
                    batch.add(req("Work[sierra/s" + n + "]", pred));
                  }
                  try {
                    minter
                        .mint(batch)
                        .forEach((key, id) -> returned.add(Map.entry(key.toString(), id)));
                  } catch (org.idminter.core.MintException e) {
                    // A batch naming one key with two predecessors (first mint wins) is refused
                    // whole; that is the minter's contract, not a race.
                    if (e.code() != org.idminter.core.ErrorCode.CONFLICTING_PREDECESSORS) {
                      throw e;
                    }
                  }
                  done.incrementAndGet();
                }
                return null;
              }));
    }
    threads.shutdown();
    int total = workers * calls;
    while (done.get() < total / 4) {
      Thread.sleep(5);
    }
    store.merges().apply(from, into, Optional.of("under load"), "load-merge");
    while (done.get() < total / 2) {
      Thread.sleep(5);
    }
    systems().apply("lcnaf", "lc-names", true, false, "load-alias");
    for (var f : futures) {
      f.get(5, java.util.concurrent.TimeUnit.MINUTES);
    }
    assertThat(done.get()).isEqualTo(total);
    assertThat(returned).hasSizeGreaterThan(60);
    // Every ID a mint returned resolves (directly or through its redirect) to the ID its key has
    // now.
    for (Map.Entry<String, CanonicalId> entry : returned) {
      String k = entry.getKey();
      CanonicalId given = entry.getValue();
      CanonicalId now = lookup(k);
      assertThat(now).as(k + " is still found").isNotNull();
      var state = store.merges().resolve(List.of(given)).get(0);
      assertThat(state.target().orElse(given)).as(k + " minted as " + given).isEqualTo(now);
    }
    assertThat(count("SELECT COUNT(*) FROM identifiers WHERE SourceSystem = 'lcnaf'")).isZero();
  }
}
