package org.idminter.migrate.legacy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.migrate.engine.Lease;
import org.idminter.migrate.engine.RunIdentity;
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
  private final Lease lease;
  private final LegacyPlanner planner;
  private final LegacyCopy copier;
  private final int chunk;
  private final RunIdentity run;

  /**
   * @param random names this run (its id is in the lock and every report); a SecureRandom outside
   *     tests
   */
  public LegacyMigration(
      IdStore store, Clock clock, Duration lockTtl, int chunk, RandomGenerator random) {
    this.store = store;
    this.db = store.database();
    this.chunk = chunk;
    this.run = RunIdentity.create(random);
    this.lease = new Lease(LegacyTables.STATE_TABLE, clock, lockTtl, run, db.dialect());
    this.planner = new LegacyPlanner(db.dialect(), chunk);
    this.copier = new LegacyCopy(db, planner, chunk);
  }

  public String runId() {
    return run.runId();
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
    return new LegacyApply(store, lease, planner, copier).apply(options, progress);
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
          Tally tally = new Tally();
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
                    tally.skipped++;
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
                        tally.verified++;
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
          return new Verified(a.source().rows(), tally.verified, tally.skipped, mismatches);
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
            lease.acquire(c);
          }
          if (t.contains(LegacyTables.LEGACY)) {
            LegacyCopy.Comparison since =
                copier.compare(
                    c, planner.analyse(c, LegacyTables.OLD), LegacyTables.OLD, LegacyTables.LEGACY);
            long inherited =
                t.contains("identifier_inheritance")
                    ? Sql.queryLong(c, "SELECT COUNT(*) FROM identifier_inheritance", ps -> {})
                    : 0;
            long registered =
                t.contains("entity_id_mapping")
                    ? Sql.queryLong(c, "SELECT COUNT(*) FROM entity_id_mapping", ps -> {})
                    : 0;
            if (!since.matches() || inherited > 0 || registered > 0) {
              throw new IdMinterException(
                  "refusing to roll back: identifiers has changed since the swap ("
                      + since.actual()
                      + " now, "
                      + since.expected()
                      + " migrated"
                      + (inherited > 0 ? ", " + inherited + " inheritance record(s)" : "")
                      + (registered > 0 ? ", " + registered + " ID registry row(s)" : "")
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
          return "rolled back: the legacy table is identifiers again; canonical_ids, the migrated table"
              + " and the (empty) ID registry tables were dropped";
        });
  }

  /** Rows verify checked: found with their legacy ID, or skipped as refused. */
  private static final class Tally {
    long verified;
    long skipped;
  }

  // ---------------------------------------------------------------- helpers

  static void requireLegacyShape(Set<String> tables, boolean forApply) {
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
}
