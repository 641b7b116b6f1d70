package org.idminter.migrate.legacy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.migrate.legacy.MigrationState.Phase;
import org.idminter.migrate.legacy.Results.Applied;
import org.idminter.migrate.legacy.Results.Loaded;
import org.idminter.migrate.legacy.Results.Verified;
import org.idminter.store.IdStore;
import org.idminter.store.jdbc.Database;
import org.idminter.store.load.CsvTable;
import org.idminter.store.sql.Sql;

/**
 * Moves a legacy 1:1 identifiers table to the RFC 083 schema: plan (read-only), apply (copy,
 * verify, atomic swap; resumable after a crash at any statement), verify, rollback.
 */
public final class LegacyMigration {
  private static final List<String> COLUMNS =
      List.of("CanonicalId", "OntologyType", "SourceSystem", "SourceId");

  private final IdStore store;
  private final Database db;
  private final MigrationState state;
  private final LegacyPlanner planner;
  private final int chunk;
  private final String runId;

  public LegacyMigration(IdStore store, Clock clock, Duration lockTtl, int chunk) {
    this.store = store;
    this.db = store.database();
    this.chunk = chunk;
    this.runId = UUID.randomUUID().toString();
    this.state =
        new MigrationState(
            clock, lockTtl, host() + " pid " + ProcessHandle.current().pid() + " run " + runId);
    this.planner = new LegacyPlanner(chunk);
  }

  public String runId() {
    return runId;
  }

  // ---------------------------------------------------------------- load-csv

  /**
   * Creates the legacy table if missing and loads a CSV into it, all in one transaction. Values are
   * loaded as they are (the plan judges them); a row whose width differs from the header's fails
   * the load, and nothing is written.
   */
  public Loaded loadCsv(Path file, ProgressListener progress) {
    return db.inTransaction(
        "loading " + file + " into the legacy table",
        c -> {
          LegacyTables.runScript(c, db.dialect(), "create-legacy.sql", Map.of());
          try (CsvTable csv = CsvTable.open(file, COLUMNS)) {
            List<LegacyRow> batch = new ArrayList<>();
            long rows = 0;
            for (Optional<CsvTable.Line> l = csv.next(); l.isPresent(); l = csv.next()) {
              if (l.get() instanceof CsvTable.BadRow bad) {
                throw new InvalidInputException(bad.problem() + "; nothing was loaded");
              }
              List<String> f = ((CsvTable.Row) l.get()).values();
              batch.add(new LegacyRow(f.get(0), f.get(1), f.get(2), f.get(3)));
              rows++;
              if (batch.size() == chunk) {
                insertLegacy(c, batch);
                progress.progress(rows, -1);
              }
            }
            insertLegacy(c, batch);
            return new Loaded(rows);
          }
        });
  }

  private static void insertLegacy(Connection c, List<LegacyRow> batch) throws SQLException {
    Sql.batch(
        c,
        "INSERT INTO identifiers (CanonicalId, OntologyType, SourceSystem, SourceId) VALUES (?, ?, ?, ?)",
        batch,
        (ps, r) -> {
          ps.setString(1, r.canonicalId());
          ps.setString(2, r.ontologyType());
          ps.setString(3, r.sourceSystem());
          ps.setString(4, r.sourceId());
        });
    batch.clear();
  }

  // ---------------------------------------------------------------- plan

  /** The dry run: reads the legacy table and writes nothing. */
  public Plan plan(boolean skipRefused) {
    return db.read(
        "planning the legacy migration",
        c -> {
          requireLegacyShape(LegacyTables.tables(c), false);
          LegacyPlanner.Analysis a = planner.analyse(c, LegacyTables.LEGACY);
          return new Plan(
              a.source(),
              a.counts(),
              List.copyOf(a.refusedById().values()),
              LegacyPlanner.steps(a, skipRefused));
        });
  }

  // ---------------------------------------------------------------- apply

  public Applied apply(ApplyOptions options, ProgressListener progress) {
    Map<String, Long> millis = new LinkedHashMap<>();
    long started = System.nanoTime();
    // A fresh run checks everything that can refuse before it writes anything (even its lock).
    LegacyPlanner.Analysis fresh =
        db.read(
            "checking the legacy table",
            c -> {
              Set<String> tables = LegacyTables.tables(c);
              if (tables.contains(LegacyTables.STATE)) {
                return null; // an earlier run's state: resume under the lock
              }
              requireLegacyShape(tables, true);
              LegacyPlanner.Analysis a = planner.analyse(c, LegacyTables.LEGACY);
              refuseUnlessAllowed(a, options);
              return a;
            });
    millis.put("plan", (System.nanoTime() - started) / 1_000_000);
    db.inTransaction(
        "creating the migration state",
        c -> {
          LegacyTables.runScript(c, db.dialect(), "create-state.sql", Map.of());
          return null;
        });
    MigrationState.Row row = db.inTransaction("taking the migration lock", state::acquire);
    try {
      if (row.phase() == Phase.DONE) {
        return new Applied(
            "already migrated",
            row.source().orElseThrow(),
            0,
            List.of(),
            millis,
            "already migrated: identifiers is in the RFC 083 schema and the legacy table is kept as identifiers_old;"
                + " nothing was changed");
      }
      Optional<String> resumeAfter = row.phase() == Phase.COPYING ? row.cursor() : Optional.empty();
      if (row.phase() == Phase.NEW || row.phase() == Phase.COPYING) {
        LegacyPlanner.Analysis a =
            fresh != null && row.phase() == Phase.NEW
                ? fresh
                : step(
                    millis,
                    "plan",
                    () ->
                        db.read(
                            "analysing the legacy table",
                            c -> planner.analyse(c, LegacyTables.LEGACY)));
        refuseUnlessAllowed(a, options);
        step(
            millis,
            "create",
            () ->
                db.inTransaction(
                    "creating canonical_ids and identifiers_new",
                    c -> {
                      LegacyTables.runScript(
                          c,
                          db.dialect(),
                          "create-target.sql",
                          db.dialect().migrationPlaceholders(c.getMetaData()));
                      return null;
                    }));
        step(
            millis,
            "copy",
            () -> {
              copyAll(a, resumeAfter, progress);
              return null;
            });
        Fingerprint verified = step(millis, "verify", () -> verifyCopy(a, progress));
        db.inTransaction(
            "recording the verified source",
            c -> {
              state.recordFingerprint(c, "Source", verified);
              state.advance(c, Phase.SWAPPING, Optional.empty());
              return null;
            });
        row = db.read("reading the migration state", c -> state.read(c).orElseThrow());
      }
      if (row.phase() == Phase.SWAPPING) {
        step(
            millis,
            "swap",
            () -> {
              swap();
              return null;
            });
        row = db.read("reading the migration state", c -> state.read(c).orElseThrow());
      }
      Fingerprint source = row.source().orElseThrow();
      LegacyPlanner.Analysis after =
          step(millis, "check-old", () -> carryOverAfterSwap(source, progress));
      // The copy wrote every row into tables the planner has no statistics for; lookups planned
      // from them (legacy verify, the first mint calls) would scan instead of probing keys.
      step(
          millis,
          "statistics",
          () -> {
            db.refreshStatistics(List.of("identifiers", "canonical_ids"));
            return null;
          });
      step(millis, "baseline", () -> store.schema().migrate());
      if (options.pregenerate() > 0) {
        step(millis, "pregenerate", () -> store.pool().topUp(options.pregenerate(), progress));
      }
      db.inTransaction(
          "finishing the migration",
          c -> {
            state.advance(c, Phase.DONE, Optional.empty());
            return null;
          });
      millis.put("total", (System.nanoTime() - started) / 1_000_000);
      long migrated = after.source().rows() - after.refusedById().size();
      return new Applied(
          "migrated",
          after.source(),
          migrated,
          List.copyOf(after.refusedById().values()),
          millis,
          "migrated "
              + migrated
              + " row(s); "
              + after.refusedById().size()
              + " skipped; the legacy table is kept as"
              + " identifiers_old");
    } finally {
      db.inTransaction(
          "releasing the migration lock",
          c -> {
            if (LegacyTables.tables(c).contains(LegacyTables.STATE)) {
              state.release(c);
            }
            return null;
          });
    }
  }

  private void refuseUnlessAllowed(LegacyPlanner.Analysis a, ApplyOptions o) {
    if (a.source().rows() == 0 && !o.allowEmpty()) {
      throw new IdMinterException(
          "the legacy table is empty: nothing to migrate; pass --allow-empty to create the"
              + " RFC 083 schema anyway; nothing was changed");
    }
    if (o.expectChecksum().isPresent() && !o.expectChecksum().get().equals(a.source().checksum())) {
      throw new IdMinterException(
          "the source changed since its fingerprint was taken: expected checksum "
              + o.expectChecksum().get()
              + ", found "
              + a.source()
              + "; run `idminter legacy plan` again; nothing was changed");
    }
    if (!a.refusedById().isEmpty() && !o.skipRefused()) {
      Refusal first = a.refusedById().values().iterator().next();
      throw new IdMinterException(
          a.refusedById().size()
              + " legacy row(s) would be refused (first: "
              + first.row().key()
              + " "
              + first.row().canonicalId()
              + ": "
              + first.reason()
              + "); see `idminter legacy plan`,"
              + " fix them, or pass --skip-refused to skip them (each is listed in the report); nothing was changed");
    }
  }

  /** Copies every row the analysis accepts into canonical_ids and identifiers_new, resumably. */
  private void copyAll(
      LegacyPlanner.Analysis a, Optional<String> resumeAfter, ProgressListener progress) {
    long total = a.source().rows();
    long[] done = {0};
    String[] cursor = {resumeAfter.orElse(null)};
    while (true) {
      boolean more =
          db.inTransaction(
              "copying legacy rows",
              c -> {
                List<LegacyRow> rows =
                    LegacyTables.readPage(c, LegacyTables.LEGACY, cursor[0], chunk);
                if (rows.isEmpty()) {
                  return false;
                }
                copy(c, rows, a, LegacyTables.NEW);
                String last = rows.get(rows.size() - 1).canonicalId();
                state.advance(c, Phase.COPYING, Optional.of(last));
                cursor[0] = last;
                done[0] += rows.size();
                return rows.size() == chunk;
              });
      progress.progress(Math.min(done[0], total), total);
      if (!more) {
        return;
      }
    }
  }

  private void copy(Connection c, List<LegacyRow> rows, LegacyPlanner.Analysis a, String table)
      throws SQLException {
    List<LegacyRow> accepted =
        rows.stream()
            .filter(r -> !a.refuses(r) && LegacyPlanner.invalid(r).isEmpty())
            .map(LegacyRow::normalised)
            .toList();
    Sql.batch(
        c, db.dialect().upsertAssignedId(), accepted, (ps, r) -> ps.setString(1, r.canonicalId()));
    Sql.batch(
        c,
        db.dialect().insertMappingIfAbsent(table),
        accepted,
        (ps, r) -> {
          ps.setString(1, r.ontologyType());
          ps.setString(2, r.sourceSystem());
          ps.setString(3, r.sourceId());
          ps.setString(4, r.canonicalId());
        });
  }

  /**
   * Compares the copy with the source (counts and checksums of the normalised accepted rows). Rows
   * written to the source during the copy are carried over by copying again (idempotent); if the
   * two still differ the swap is refused. Returns the source fingerprint that was verified.
   */
  private Fingerprint verifyCopy(LegacyPlanner.Analysis a, ProgressListener progress) {
    for (int attempt = 1; ; attempt++) {
      Fingerprint[] prints =
          db.read(
              "verifying the copy",
              c ->
                  compare(
                      c,
                      planner.analyse(c, LegacyTables.LEGACY),
                      LegacyTables.LEGACY,
                      LegacyTables.NEW));
      if (prints[1].equals(prints[2])) {
        return prints[0];
      }
      if (attempt == 3) {
        throw new IdMinterException(
            "the copy does not match the legacy table (expected "
                + prints[1]
                + ", copied "
                + prints[2]
                + "): rows were changed or deleted in the legacy table during the copy; the swap is refused and"
                + " the legacy table is untouched; stop writers and run apply again");
      }
      LegacyPlanner.Analysis fresh =
          db.read("analysing the legacy table", c -> planner.analyse(c, LegacyTables.LEGACY));
      copyAll(fresh, Optional.empty(), progress);
    }
  }

  /**
   * [raw source fingerprint, expected copy fingerprint, actual copy fingerprint], given the
   * source's analysis.
   */
  private Fingerprint[] compare(Connection c, LegacyPlanner.Analysis a, String source, String copy)
      throws SQLException {
    Checksum expected = new Checksum();
    LegacyTables.forEachChunk(
        c,
        source,
        null,
        chunk,
        rows -> {
          for (LegacyRow r : rows) {
            if (!a.refuses(r)) {
              expected.add(r.normalised());
            }
          }
        });
    Checksum actual = new Checksum();
    LegacyTables.forEachChunk(c, copy, null, chunk, rows -> rows.forEach(actual::add));
    return new Fingerprint[] {a.source(), expected.fingerprint(), actual.fingerprint()};
  }

  /**
   * Renames identifiers → identifiers_old and identifiers_new → identifiers; finishes a half-done
   * rename.
   */
  private void swap() {
    db.inTransaction(
        "swapping the tables",
        c -> {
          Set<String> t = LegacyTables.tables(c);
          List<Map.Entry<String, String>> renames = new ArrayList<>();
          if (t.contains(LegacyTables.NEW) && !t.contains(LegacyTables.OLD)) {
            renames.add(Map.entry(LegacyTables.LEGACY, LegacyTables.OLD));
          }
          if (t.contains(LegacyTables.NEW)) {
            renames.add(Map.entry(LegacyTables.NEW, LegacyTables.LEGACY));
          }
          // On MySQL/MariaDB a RENAME commits by itself: after a crash here the rename may be done
          // while the phase still says SWAPPING, and then nothing is left to rename.
          if (!renames.isEmpty()) {
            for (String sql : db.dialect().renameTables(renames)) {
              Sql.update(c, sql, ps -> {});
            }
          }
          state.advance(c, Phase.SWAPPED, Optional.empty());
          return null;
        });
  }

  /**
   * After the swap no writer can reach identifiers_old. If it differs from what was verified, a
   * write slipped in before the rename: carry it over into identifiers, then verify again.
   */
  private LegacyPlanner.Analysis carryOverAfterSwap(
      Fingerprint verified, ProgressListener progress) {
    LegacyPlanner.Analysis old =
        db.read("analysing identifiers_old", c -> planner.analyse(c, LegacyTables.OLD));
    if (!old.source().equals(verified)) {
      db.inTransaction(
          "carrying over late legacy writes",
          c -> {
            LegacyTables.forEachChunk(
                c, LegacyTables.OLD, null, chunk, rows -> copy(c, rows, old, LegacyTables.LEGACY));
            return null;
          });
    }
    // No writer reaches identifiers_old after the swap, so its analysis stays valid for the
    // comparison.
    Fingerprint[] prints =
        db.read(
            "verifying the migrated table",
            c -> compare(c, old, LegacyTables.OLD, LegacyTables.LEGACY));
    if (!prints[1].equals(prints[2])) {
      throw new IdMinterException(
          "after the swap, identifiers ("
              + prints[2]
              + ") does not match identifiers_old ("
              + prints[1]
              + "): a legacy row was changed during the swap; run `idminter legacy rollback`, stop writers, and"
              + " apply again");
    }
    db.inTransaction(
        "recording the swapped table",
        c -> {
          state.recordFingerprint(c, "Swapped", prints[2]);
          return null;
        });
    return old;
  }

  // ---------------------------------------------------------------- verify

  /** Proves every legacy row resolves to its canonical ID through the minter's own lookup. */
  public Verified verify() {
    return db.read(
        "verifying the migration",
        c -> {
          Set<String> t = LegacyTables.tables(c);
          if (!t.contains(LegacyTables.OLD) || !t.contains(LegacyTables.CANONICAL_IDS)) {
            throw new IdMinterException(
                "nothing to verify: there is no identifiers_old table (has `idminter legacy apply`"
                    + " run?)");
          }
          LegacyPlanner.Analysis a = planner.analyse(c, LegacyTables.OLD);
          long[] counts = new long[2]; // verified, skipped
          List<String> mismatches = new ArrayList<>();
          LegacyTables.forEachChunk(
              c,
              LegacyTables.OLD,
              null,
              Math.min(chunk, 1000),
              rows -> {
                Map<SourceIdentifier, String> expected = new LinkedHashMap<>();
                for (LegacyRow r : rows) {
                  if (a.refuses(r)) {
                    counts[1]++;
                  } else {
                    expected.put(
                        new SourceIdentifier(r.ontologyType(), r.sourceSystem(), r.sourceId()),
                        r.canonicalId());
                  }
                }
                var found = store.minter().lookup(expected.keySet()).found();
                expected.forEach(
                    (k, id) -> {
                      var got = found.get(k);
                      if (got != null && got.value().equals(id)) {
                        counts[0]++;
                      } else if (mismatches.size() < 1000) {
                        mismatches.add(
                            k
                                + ": legacy "
                                + id
                                + ", now "
                                + (got == null ? "missing" : got.value()));
                      }
                    });
              });
          return new Verified(a.source().rows(), counts[0], counts[1], mismatches);
        });
  }

  // ---------------------------------------------------------------- rollback

  /** Restores the legacy table while nothing has been minted since the swap. */
  public String rollback() {
    return db.inTransaction(
        "rolling back the legacy migration",
        c -> {
          Set<String> t = LegacyTables.tables(c);
          if (!t.contains(LegacyTables.OLD)) {
            throw new IdMinterException("nothing to roll back: there is no identifiers_old table");
          }
          if (t.contains(LegacyTables.STATE)) {
            state.acquire(c);
          }
          if (t.contains(LegacyTables.LEGACY)) {
            Fingerprint[] prints =
                compare(
                    c, planner.analyse(c, LegacyTables.OLD), LegacyTables.OLD, LegacyTables.LEGACY);
            long inherited =
                t.contains("identifier_inheritance")
                    ? Sql.queryLong(c, "SELECT COUNT(*) FROM identifier_inheritance", ps -> {})
                    : 0;
            if (!prints[1].equals(prints[2]) || inherited > 0) {
              throw new IdMinterException(
                  "refusing to roll back: identifiers has changed since the swap ("
                      + prints[2]
                      + " now, "
                      + prints[1]
                      + " migrated"
                      + (inherited > 0 ? ", " + inherited + " inheritance record(s)" : "")
                      + "): mappings minted since would be lost; nothing was changed");
            }
          }
          List<Map.Entry<String, String>> renames = new ArrayList<>();
          if (t.contains(LegacyTables.LEGACY)) {
            renames.add(Map.entry(LegacyTables.LEGACY, LegacyTables.NEW));
          }
          renames.add(Map.entry(LegacyTables.OLD, LegacyTables.LEGACY));
          for (String sql : db.dialect().renameTables(renames)) {
            Sql.update(c, sql, ps -> {});
          }
          LegacyTables.runScript(c, db.dialect(), "drop-target.sql", Map.of());
          return "rolled back: the legacy table is identifiers again; canonical_ids and the migrated table were dropped";
        });
  }

  // ---------------------------------------------------------------- helpers

  private static void requireLegacyShape(Set<String> tables, boolean forApply) {
    boolean legacy =
        tables.contains(LegacyTables.LEGACY)
            && !tables.contains(LegacyTables.CANONICAL_IDS)
            && !tables.contains(LegacyTables.OLD);
    if (!legacy) {
      String found =
          tables.contains(LegacyTables.OLD)
              ? "identifiers_old exists: it has been migrated already"
              : tables.contains(LegacyTables.CANONICAL_IDS)
                  ? "canonical_ids exists: it is in the RFC 083 schema already"
                  : "there is no identifiers table";
      throw new IdMinterException(
          "the database is not in the legacy shape (one 1:1 identifiers table): "
              + found
              + (forApply ? "; nothing was changed" : ""));
    }
  }

  @FunctionalInterface
  private interface StepWork<T> {
    T run();
  }

  private static <T> T step(Map<String, Long> millis, String name, StepWork<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.run();
    } finally {
      millis.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName().toLowerCase(Locale.ROOT);
    }
  }
}
