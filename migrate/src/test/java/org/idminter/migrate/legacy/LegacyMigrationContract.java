package org.idminter.migrate.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.idminter.store.testing.StatementHooks.onStatement;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.core.MintRequest;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.testing.InvariantChecker;
import org.idminter.store.testing.SampleData;
import org.junit.jupiter.api.Test;

/**
 * The legacy migration's safety properties, run against every supported database by subclassing.
 */
public abstract class LegacyMigrationContract extends LegacyFixture {
  @Test
  void planWritesNothingAndReportsCountsRefusalsAndFingerprint() {
    legacy(200, true);
    String before = snapshot();
    Plan plan = migration().plan(false);
    assertThat(snapshot()).isEqualTo(before);
    assertThat(plan.source().rows()).isEqualTo(205);
    assertThat(
            plan.counts().values().stream()
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .sum())
        .isEqualTo(205);
    assertThat(plan.refused())
        .extracting(r -> r.row().canonicalId() + ": " + r.reason())
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("ABCDEFGH: canonical ID 'ABCDEFGH' is neither in today's format"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith(
                        "abcdefghjk: canonical ID 'abcdefghjk' is longer than 8 characters"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("qrstuvwx: collides with Person[lc-names/n80000001] (pqrstuvw)"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("pqrstuvw: collides with Agent[lc-names/n80000001] (qrstuvwx)"))
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("rstuvwxy: bad source identifier")
                    .contains("the source system is empty"));
    assertThat(plan.refused()).hasSize(5);
    assertThat(plan.migratable()).isEqualTo(200);
    assertThat(plan.steps()).isNotEmpty();
    assertThat(migration().plan(false).source()).isEqualTo(plan.source());
  }

  @Test
  void applyRefusesRefusedRowsEmptySourcesAndChangedFingerprintsWritingNothing() {
    legacy(50, true);
    String before = snapshot();
    assertThatThrownBy(() -> migration().apply(ApplyOptions.DEFAULT, ProgressListener.NONE))
        .isInstanceOf(IdMinterException.class)
        .hasMessageContaining("5 legacy row(s) would be refused");
    assertThatThrownBy(
            () ->
                migration()
                    .apply(
                        new ApplyOptions(true, false, 0, Optional.of("0000000000000000")),
                        ProgressListener.NONE))
        .hasMessageContaining("the source changed since its fingerprint was taken");
    assertThat(snapshot()).isEqualTo(before); // not even the migration's state table

    database().reset();
    database().execute(createLegacy());
    assertThatThrownBy(() -> migration().apply(ApplyOptions.DEFAULT, ProgressListener.NONE))
        .hasMessageContaining("the legacy table is empty");
    assertThat(
            migration()
                .apply(new ApplyOptions(false, true, 0, Optional.empty()), ProgressListener.NONE)
                .outcome())
        .isEqualTo("migrated");
  }

  @Test
  void applyRefusesADatabaseNotInTheLegacyShape() {
    open().schema().migrate(); // an RFC 083 database
    assertThatThrownBy(() -> migration().apply(ApplyOptions.DEFAULT, ProgressListener.NONE))
        .hasMessageContaining("not in the legacy shape")
        .hasMessageContaining("canonical_ids exists");
  }

  @Test
  void applyConservesEveryRowVerifiesAndTheMinterWorksAfterwards() {
    legacy(300, true);
    Results.Applied applied =
        migration()
            .apply(new ApplyOptions(true, false, 500, Optional.empty()), ProgressListener.NONE);
    assertThat(applied.outcome()).isEqualTo("migrated");
    assertThat(applied.migrated() + applied.skipped().size())
        .isEqualTo(applied.source().rows())
        .isEqualTo(305);
    assertThat(applied.skipped()).hasSize(5);

    IdStore store = open();
    Results.Verified verified = migration(store, T0, 7).verify();
    assertThat(verified.ok()).as("%s", verified.mismatches()).isTrue();
    assertThat(verified.verified()).isEqualTo(300);
    assertThat(verified.skipped()).isEqualTo(5);

    // Re-minting every legacy key returns its legacy ID and takes nothing from the pool.
    var status = store.pool().status();
    assertThat(status.free()).isEqualTo(500);
    Map<SourceIdentifier, CanonicalId> expected = new java.util.LinkedHashMap<>();
    SampleData.sampleMappings().entrySet().stream()
        .limit(300)
        .forEach(e -> expected.put(e.getKey(), e.getValue()));
    var reminted = store.minter().mint(expected.keySet().stream().map(MintRequest::of).toList());
    assertThat(reminted).isEqualTo(expected);
    assertThat(store.pool().status()).isEqualTo(status);

    // A new key gets a new ID (inserted at mint time, the default: the pool is left alone); a new
    // key with a legacy predecessor inherits.
    SourceIdentifier legacyKey = expected.keySet().iterator().next();
    SourceIdentifier successor =
        new SourceIdentifier(
            legacyKey.ontologyType(), "folio-instance", "f-" + legacyKey.sourceId());
    var minted =
        store
            .minter()
            .mint(
                List.of(
                    MintRequest.of(new SourceIdentifier("Work", "new-system", "n1")),
                    MintRequest.inheriting(successor, legacyKey)));
    assertThat(minted.get(successor)).isEqualTo(expected.get(legacyKey));
    assertThat(store.pool().status().free()).isEqualTo(500);
    assertThat(store.pool().status().assigned()).isEqualTo(status.assigned() + 1);
    InvariantChecker.check(database());
  }

  @Test
  void theDatabaseFingerprintsATableAsJavaDoes() {
    legacy(100, true);
    database()
        .execute(
            row("stuvwxyz", "Work", "calm-ref-no", "Caf\u00e9 \u00df\u00e6 ' end "),
            row("tuvwxyza", "Person", "lc-names", "n\u00f8"));
    IdStore store = open();
    var db = store.database();
    LegacyBulkCopy bulk = new LegacyBulkCopy(db.dialect(), 7);
    assertThat(bulk.available()).isTrue();
    var inJava =
        db.read(
            "analysing", c -> new LegacyPlanner(db.dialect(), 7).analyse(c, LegacyTables.LEGACY));
    var inSql = db.read("fingerprinting", c -> bulk.fingerprint(c, LegacyTables.LEGACY));
    assertThat(inSql).isEqualTo(inJava.source());
    assertThat(inSql.rows()).isEqualTo(107);
  }

  @Test
  void keysEqualIgnoringCaseAreRefusedWhereTheLegacyKeyTellsThemApart() {
    // MySQL and MariaDB's latin1 legacy key is case-insensitive: it cannot hold such twins.
    org.junit.jupiter.api.Assumptions.assumeFalse(
        database().kind().equals("MariaDB") || database().kind().equals("MySQL"));
    legacy(40, false);
    database()
        .execute(
            row("uvwxyzab", "Work", "calm-ref-no", "ms-1"),
            row("vwxyzabc", "Work", "calm-ref-no", "MS-1"),
            row("wxyzabcd", "Work", "Calm-Ref-No", "ms-1"));
    Plan plan = migration().plan(false);
    assertThat(plan.refused())
        .extracting(r -> r.row().canonicalId() + ": " + r.reason())
        .hasSize(3)
        .allSatisfy(r -> assertThat(r).contains("under case-insensitive comparison"));
    assertThat(plan.migratable()).isEqualTo(41);
  }

  @Test
  void theDatabaseCopiesAndVerifiesWithoutSendingRowsThroughThisProcess() {
    legacy(120, true);
    // IDs minted under older rules are migrated as they are.
    database()
        .execute(
            row("f0000000", "Work", "sierra-system-number", "b0000001"),
            row("i000001", "Item", "sierra-system-number", "i0000001"));
    List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
    IdStore store =
        open(org.idminter.store.testing.StatementHooks.onEachStatement(statements::add));
    Results.Applied applied =
        migration(store, T0, 7)
            .apply(new ApplyOptions(true, false, 0, Optional.empty()), ProgressListener.NONE);
    assertThat(applied.migrated()).isEqualTo(122);
    assertThat(statements)
        .anyMatch(
            sql ->
                sql.startsWith(
                    "INSERT INTO identifiers_new (OntologyType, SourceSystem, SourceId, CanonicalId) SELECT"))
        .noneMatch(sql -> sql.contains("FROM identifiers_new ORDER BY"))
        .noneMatch(sql -> sql.contains("FROM identifiers_new WHERE CanonicalId >"))
        .noneMatch(sql -> sql.contains("FROM identifiers_old ORDER BY"));
    assertThat(snapshot()).doesNotContain(LegacyTables.REFUSED);
    Results.Verified verified = migration(open(), T0, 7).verify();
    assertThat(verified.verified()).isEqualTo(122);
    assertThat(verified.skipped()).isEqualTo(5);
    var found =
        open()
            .minter()
            .lookup(List.of(SourceIdentifier.parse("Item[sierra-system-number/i0000001]")));
    assertThat(found.found().values()).extracting(CanonicalId::value).containsExactly("i000001");
  }

  @Test
  void rowsWrittenToTheLegacyTableDuringTheCopyAreCarriedOver() {
    legacy(60, false);
    AtomicBoolean written = new AtomicBoolean();
    IdStore store =
        open(
            onStatement(
                sql -> sql.startsWith("UPDATE idminter_legacy_migration SET Phase = ?"),
                () -> {
                  if (written.compareAndSet(false, true)) {
                    // behind the copy's cursor (the smallest possible ID), so the first copy pass
                    // misses it
                    database().execute(row("a2222222", "Work", "sierra-system-number", "b7777777"));
                  }
                }));
    Results.Applied applied =
        migration(store, T0, 7).apply(ApplyOptions.DEFAULT, ProgressListener.NONE);
    assertThat(written).isTrue();
    assertThat(applied.migrated()).isEqualTo(62);
    var found =
        open()
            .minter()
            .lookup(List.of(SourceIdentifier.parse("Work[sierra-system-number/b7777777]")));
    assertThat(found.found().values()).extracting(CanonicalId::value).containsExactly("a2222222");
  }

  @Test
  void aRunStoppedWhileCarryingOverWritesMadeDuringTheCopyIsResumed() {
    legacy(60, false);
    AtomicBoolean written = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger rowByRow =
        new java.util.concurrent.atomic.AtomicInteger();
    IdStore store =
        open(
            org.idminter.store.testing.StatementHooks.onEachStatement(
                sql -> {
                  if (sql.startsWith("UPDATE idminter_legacy_migration SET Phase = ?")
                      && written.compareAndSet(false, true)) {
                    // a write during the copy: verification sees it and copies again, row by row
                    database().execute(row("a2222222", "Work", "sierra-system-number", "b7777777"));
                  }
                  // that second pass stopped at its third chunk, two chunks committed past the
                  // cursor the database's own copy had reached before
                  if (sql.startsWith("INSERT INTO identifiers_new")
                      && !sql.contains(" FROM identifiers l ")
                      && rowByRow.incrementAndGet() == 3) {
                    throw new IllegalStateException("stopped");
                  }
                }));
    assertThatThrownBy(
            () -> migration(store, T0, 7).apply(ApplyOptions.DEFAULT, ProgressListener.NONE))
        .hasMessageContaining("stopped");
    Results.Applied applied =
        migration(open(), T0.plusSeconds(1), 7).apply(ApplyOptions.DEFAULT, ProgressListener.NONE);
    assertThat(applied.outcome()).isEqualTo("migrated");
    assertThat(applied.migrated()).isEqualTo(62);
    Results.Verified verified = migration(open(), T0, 7).verify();
    assertThat(verified.ok()).as("%s", verified.mismatches()).isTrue();
    assertThat(verified.verified()).isEqualTo(62);
  }

  @Test
  void aLegacyRowChangedDuringTheCopyMakesTheSwapRefuseAndLeavesTheLegacyTableInPlace() {
    legacy(60, false);
    AtomicBoolean changed = new AtomicBoolean();
    IdStore store =
        open(
            onStatement(
                sql -> sql.startsWith("UPDATE idminter_legacy_migration SET Phase = ?"),
                () -> {
                  if (changed.compareAndSet(false, true)) {
                    // the smallest canonical ID: the first chunk has already copied it
                    database()
                        .execute(
                            "UPDATE identifiers SET SourceId = 'changed-during-copy' WHERE CanonicalId = '"
                                + firstId()
                                + "'");
                  }
                }));
    assertThatThrownBy(
            () -> migration(store, T0, 7).apply(ApplyOptions.DEFAULT, ProgressListener.NONE))
        .hasMessageContaining("the copy does not match the legacy table")
        .hasMessageContaining("the swap is refused");
    String tables = snapshot();
    assertThat(tables).contains("== identifiers\n").doesNotContain("== identifiers_old");
    assertThat(tables).contains("|changed-during-copy|");
  }

  @Test
  void rollbackRestoresTheLegacyTableUntilSomethingIsMinted() {
    legacy(30, false);
    String legacyBefore = snapshot();
    migration().apply(ApplyOptions.DEFAULT, ProgressListener.NONE);
    assertThat(migration().rollback()).contains("rolled back");
    assertThat(snapshot()).isEqualTo(legacyBefore);

    migration().apply(ApplyOptions.DEFAULT, ProgressListener.NONE);
    try (IdStore s = open()) {
      s.registry().register(List.of("Q1"), java.util.Optional.empty());
    }
    assertThatThrownBy(() -> migration().rollback())
        .hasMessageContaining("1 ID registry row(s)")
        .hasMessageContaining("nothing was changed");
    open().pool().topUp(10, ProgressListener.NONE);
    open().minter().mint(List.of(MintRequest.of(SourceIdentifier.parse("Work[new/n1]"))));
    assertThatThrownBy(() -> migration().rollback())
        .hasMessageContaining("refusing to roll back")
        .hasMessageContaining("nothing was changed");
  }

  // ---------------------------------------------------------------- connection decorators

  /** Thrown instead of running statement k: the process "stops" there. */
  @Test
  void applyWithAMaxLoadPausesTheCopyWhileTheServerIsBusyThenFinishes() throws Exception {
    legacy(30, false);
    ApplyOptions limited = new ApplyOptions(false, false, 0, Optional.empty(), Optional.of(3L));
    if (database().kind().equals("H2")) {
      assertThatThrownBy(() -> migration().apply(limited, ProgressListener.NONE))
          .hasMessageContaining("--max-load needs a server database");
      assertThat(snapshot()).doesNotContain("canonical_ids");
      return;
    }
    String sleep =
        database().kind().equals("PostgreSQL") ? "SELECT pg_sleep(4)" : "SELECT SLEEP(4)";
    IdStore watcher = open();
    java.util.concurrent.ExecutorService busy =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      for (int i = 0; i < 6; i++) {
        busy.submit(
            () -> {
              try (java.sql.Connection c = database().connect();
                  java.sql.Statement st = c.createStatement()) {
                st.execute(sleep);
              }
              return null;
            });
      }
      long deadline = System.nanoTime() + 3_000_000_000L;
      long load = 0;
      while (load < 6 && System.nanoTime() < deadline) {
        load =
            watcher
                .database()
                .read("reading the load", c -> watcher.database().dialect().serverLoad(c));
      }
      assertThat(load).as("the server is busy before apply starts").isGreaterThanOrEqualTo(6);
      Results.Applied applied = migration().apply(limited, ProgressListener.NONE);
      assertThat(applied.outcome()).isEqualTo("migrated");
      assertThat(applied.migrated()).isEqualTo(31);
      assertThat(applied.stepMillis()).containsKey("paused");
      assertThat(applied.stepMillis().get("paused")).isGreaterThanOrEqualTo(1_000L);
    } finally {
      busy.shutdown();
      assertThat(busy.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    InvariantChecker.check(database());
  }
}
