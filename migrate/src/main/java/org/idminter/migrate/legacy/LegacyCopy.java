package org.idminter.migrate.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.Checksum;
import org.idminter.migrate.engine.Fingerprint;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * The writing steps of apply, each idempotent so a crash at any statement can be resumed: the
 * chunked copy into identifiers_new (its cursor committed with each chunk), the comparison of copy
 * and source by fingerprint, the swap of the tables, and the carry-over of writes that slipped in
 * before the swap.
 */
final class LegacyCopy {
  /** A source's raw fingerprint, and what a correct copy of it must and does fingerprint to. */
  record Comparison(Fingerprint source, Fingerprint expected, Fingerprint actual) {
    boolean matches() {
      return expected.equals(actual);
    }
  }

  /** One committed chunk of the copy: the last ID copied and how many rows the chunk read. */
  private record Page(Optional<String> last, int rows) {}

  /** What the copy phase verified: its analysis of the source, and the comparison it passed. */
  record Verified(LegacyPlanner.Analysis analysis, Comparison comparison) {}

  private final Database db;
  private final LegacyPlanner planner;
  private final LegacyBulkCopy bulk;
  private final int chunk;

  LegacyCopy(Database db, LegacyPlanner planner, int chunk) {
    this.db = db;
    this.planner = planner;
    this.bulk = new LegacyBulkCopy(db.dialect(), chunk);
    this.chunk = chunk;
  }

  /**
   * Prepares a copy of what the analysis accepts: where the database copies by itself, the table of
   * refused IDs it leaves out.
   */
  void prepare(LegacyPlanner.Analysis a) {
    if (bulk.available()) {
      db.inTransaction(
          "recording the refused rows",
          c -> {
            bulk.recordRefusals(c, a);
            return null;
          });
    }
  }

  /**
   * Copies every row the analysis accepts into canonical_ids and identifiers_new, resumably: by the
   * database itself in key ranges where it can, else through this process. A resumed run skips what
   * the copy holds already: an interrupted re-copy (after writes during the copy) may have written
   * beyond the cursor.
   */
  void copyAll(LegacyPlanner.Analysis a, Optional<String> resumeAfter, PhaseRun run) {
    if (!bulk.available()) {
      copyThrough(a, resumeAfter, run);
      return;
    }
    long total = a.source().rows();
    long done = 0;
    boolean anyRefused = !a.refusedById().isEmpty();
    Optional<String> cursor = resumeAfter;
    while (true) {
      run.awaitCapacity();
      Optional<String> after = cursor;
      LegacyBulkCopy.Chunk next =
          db.inTransaction(
              "copying legacy rows",
              c -> {
                LegacyBulkCopy.Chunk copied = bulk.copyChunk(c, after, anyRefused, run.resumed());
                if (copied.last().isPresent() && !copied.last().equals(after)) {
                  run.checkpoint(c, copied.last().get());
                }
                return copied;
              });
      cursor = next.last();
      done += next.more() ? chunk : next.rows();
      run.progress().progress(Math.min(done, total), total);
      if (!next.more()) {
        return;
      }
    }
  }

  /** The copy through this process: each chunk read, normalised and written back, idempotently. */
  private void copyThrough(LegacyPlanner.Analysis a, Optional<String> resumeAfter, PhaseRun run) {
    long total = a.source().rows();
    long done = 0;
    Optional<String> cursor = resumeAfter;
    while (true) {
      run.awaitCapacity();
      Optional<String> after = cursor;
      Page page =
          db.inTransaction(
              "copying legacy rows",
              c -> {
                List<LegacyRow> rows =
                    LegacyTables.readPage(c, LegacyTables.LEGACY, after.orElse(null), chunk);
                if (rows.isEmpty()) {
                  return new Page(after, 0);
                }
                copy(c, rows, a, LegacyTables.NEW);
                String last = rows.get(rows.size() - 1).canonicalId();
                run.checkpoint(c, last);
                return new Page(Optional.of(last), rows.size());
              });
      cursor = page.last();
      done += page.rows();
      run.progress().progress(Math.min(done, total), total);
      if (page.rows() < chunk) {
        return;
      }
    }
  }

  /** Writes the rows the analysis accepts, normalised, into canonical_ids and {@code table}. */
  void copy(Connection c, List<LegacyRow> rows, LegacyPlanner.Analysis a, String table)
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
  Verified verifyCopy(PhaseRun run, LegacyPlanner.Analysis analysed) {
    if (bulk.available()) {
      // One statement sees the source, what the copy must hold and the copy. A source equal to the
      // analysis means no row was written since, so the analysis's refusals still hold.
      LegacyBulkCopy.Check k =
          db.read("verifying the copy", c -> bulk.check(c, !analysed.refusedById().isEmpty()));
      if (k.source().equals(analysed.source()) && k.expected().equals(k.copy())) {
        return new Verified(analysed, new Comparison(k.source(), k.expected(), k.copy()));
      }
    }
    for (int attempt = 1; ; attempt++) {
      Verified found =
          db.read(
              "verifying the copy",
              c -> {
                LegacyPlanner.Analysis a = planner.analyse(c, LegacyTables.LEGACY);
                return new Verified(a, compare(c, a, LegacyTables.LEGACY, LegacyTables.NEW));
              });
      if (found.comparison().matches()) {
        return found;
      }
      if (attempt == 3) {
        throw new IdMinterException(
            "the copy does not match the legacy table (expected "
                + found.comparison().expected()
                + ", copied "
                + found.comparison().actual()
                + "): rows were changed or deleted in the legacy table during the copy; the swap is"
                + " refused and the legacy table is untouched; stop writers and run apply again");
      }
      LegacyPlanner.Analysis fresh =
          db.read("analysing the legacy table", c -> planner.analyse(c, LegacyTables.LEGACY));
      copyThrough(fresh, Optional.empty(), run);
    }
  }

  /** Fingerprints {@code source} (what a copy must hold, given its analysis) and {@code copy}. */
  Comparison compare(Connection c, LegacyPlanner.Analysis a, String source, String copy)
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
              expected.add(r.normalised().fields());
            }
          }
        });
    Checksum actual = new Checksum();
    LegacyTables.forEachChunk(
        c, copy, null, chunk, rows -> rows.forEach(r -> actual.add(r.fields())));
    return new Comparison(a.source(), expected.fingerprint(), actual.fingerprint());
  }

  /**
   * Renames identifiers → identifiers_old and identifiers_new → identifiers; finishes a half-done
   * rename.
   */
  void swap(PhaseRun run) {
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
          run.complete(c);
          return null;
        });
  }

  /**
   * After the swap no writer can reach identifiers_old. If it differs from what was verified, a
   * write slipped in before the rename: carry it over into identifiers, then verify again. When
   * this run verified the copy itself ({@code known}) and the database fingerprints identifiers_old
   * as verified, nothing slipped in and the copy stands as verified.
   */
  LegacyPlanner.Analysis carryOverAfterSwap(
      Fingerprint verified, PhaseRun run, Optional<Verified> known) {
    if (bulk.available() && known.isPresent()) {
      Fingerprint old =
          db.read("fingerprinting identifiers_old", c -> bulk.fingerprint(c, LegacyTables.OLD));
      if (old.equals(verified)) {
        db.inTransaction(
            "recording the swapped table",
            c -> {
              run.record(c, LegacyTables.SWAPPED, known.get().comparison().actual());
              bulk.dropRefusals(c);
              return null;
            });
        return known.get().analysis();
      }
    }
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
    Comparison after =
        db.read(
            "verifying the migrated table",
            c -> compare(c, old, LegacyTables.OLD, LegacyTables.LEGACY));
    if (!after.matches()) {
      throw new IdMinterException(
          "after the swap, identifiers ("
              + after.actual()
              + ") does not match identifiers_old ("
              + after.expected()
              + "): a legacy row was changed during the swap; run `idminter legacy rollback`, stop"
              + " writers, and apply again");
    }
    db.inTransaction(
        "recording the swapped table",
        c -> {
          run.record(c, LegacyTables.SWAPPED, after.actual());
          bulk.dropRefusals(c);
          return null;
        });
    return old;
  }
}
