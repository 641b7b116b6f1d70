package org.idminter.store.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.OntologyTypes;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.StoreException;
import org.idminter.core.SystemAliases;
import org.idminter.store.jdbc.Database;
import org.idminter.store.keyspace.KeySpace;
import org.idminter.store.mint.KeyReader;
import org.idminter.store.sql.Collisions;
import org.idminter.store.sql.RetryTransaction;
import org.idminter.store.sql.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads existing mappings from CSV (header naming CanonicalId, OntologyType, SourceSystem, SourceId
 * in any order). Every row is validated before anything is written; a bad row fails the whole
 * import naming the file and line. Imported IDs are assigned. Importing again changes nothing; a
 * row contradicting a stored mapping is reported, never overwritten.
 */
public final class CsvImporter {
  private static final Logger LOG = LoggerFactory.getLogger(CsvImporter.class);

  /** Rows per transaction: large enough for multi-row writes to pay, small enough to retry. */
  static final int CHUNK = 10_000;

  private static final List<String> COLUMNS =
      List.of("CanonicalId", "OntologyType", "SourceSystem", "SourceId");
  private static final int MAX_LISTED_ERRORS = 20;

  private final Database db;
  private final OntologyTypes types;
  private final Runnable schemaCheck;
  private final KeyReader reader;

  public CsvImporter(Database db, Runnable schemaCheck, OntologyTypes types, KeySpace keySpace) {
    this.db = db;
    this.keySpace = keySpace;
    this.reader = new KeyReader(db.dialect());
    this.schemaCheck = schemaCheck;
    this.types = types;
  }

  private record Row(long line, SourceIdentifier key, CanonicalId id) {}

  private final KeySpace keySpace;

  public ImportResult importCsv(Path file, ProgressListener progress) {
    schemaCheck.run();
    long total = validate(file);
    long[] counts = new long[3]; // rows, inserted, unchanged
    StatisticsRefresh statistics = new StatisticsRefresh(file);
    List<String> contradictions = new ArrayList<>();
    Collisions collisions = new Collisions();
    forEachRow(
        file,
        rows -> {
          // Repeats within a chunk are caught here, with both line numbers; repeats across chunks
          // by the database, since earlier chunks are committed. Memory stays bounded by a chunk.
          Map<SourceIdentifier, Row> firstRowOfKey = new HashMap<>();
          Map<CanonicalId, Row> firstRowOfId = new HashMap<>();
          List<Row> fresh = new ArrayList<>();
          for (Row r : rows) {
            counts[0]++;
            Row sameKey = firstRowOfKey.get(r.key());
            Row sameId = firstRowOfId.get(r.id());
            if (sameKey != null && sameKey.id().equals(r.id())) {
              counts[2]++; // the same mapping repeated in this file
            } else if (sameKey != null) {
              contradictions.add(
                  file
                      + " line "
                      + r.line()
                      + ": "
                      + r.key()
                      + " is given "
                      + sameKey.id()
                      + " on line "
                      + sameKey.line()
                      + " and "
                      + r.id()
                      + " here: kept "
                      + sameKey.id());
            } else if (sameId != null) {
              contradictions.add(
                  file
                      + " line "
                      + r.line()
                      + ": canonical ID "
                      + r.id()
                      + " is given to "
                      + sameId.key()
                      + " on line "
                      + sameId.line()
                      + "; not shared with "
                      + r.key());
            } else {
              firstRowOfKey.put(r.key(), r);
              firstRowOfId.put(r.id(), r);
              fresh.add(r);
            }
          }
          ChunkOutcome out =
              db.inTransaction(
                  "importing rows from " + file, c -> importChunk(c, fresh, file, collisions));
          counts[1] += out.inserted();
          counts[2] += out.unchanged();
          contradictions.addAll(out.contradictions());
          statistics.afterWriting(counts[1]);
          progress.progress(counts[0], total);
        });
    return new ImportResult(counts[0], counts[1], counts[2], contradictions);
  }

  private record ChunkOutcome(long inserted, long unchanged, List<String> contradictions) {}

  /**
   * Refreshes the planner's statistics after the first chunk written and whenever the rows written
   * have doubled since: each chunk's lookups are planned from them, and a plan made for a nearly
   * empty table scans it once it has grown (measured on PostgreSQL: 44 ms per 1,000-key lookup at
   * 200,000 rows instead of 2 ms, and growing with the table). About 10 refreshes for 10M rows. A
   * refresh that fails (ANALYZE not permitted, say) is logged with its reason and not tried again:
   * the rows are committed, only the planning of later chunks may suffer.
   */
  private final class StatisticsRefresh {
    private final Path file;
    private long next = CHUNK;
    private boolean failed;

    StatisticsRefresh(Path file) {
      this.file = file;
    }

    void afterWriting(long written) {
      if (failed || written < next) {
        return;
      }
      try {
        db.refreshStatistics(List.of("identifiers", "canonical_ids"));
        next = 2 * written;
      } catch (StoreException e) {
        failed = true;
        LOG.warn(
            "importing {}: {}; the import goes on, but lookups may be slower until the database"
                + " refreshes its statistics itself",
            file,
            e.getMessage());
      }
    }
  }

  private ChunkOutcome importChunk(Connection c, List<Row> given, Path file, Collisions collisions)
      throws SQLException {
    if (given.isEmpty()) {
      return new ChunkOutcome(0, 0, List.of());
    }
    // Under the key space's shared lock, like a mint: a key under an alias system is stored under
    // its canonical system (two rows of the chunk may then name one key).
    SystemAliases aliases = keySpace.shared(c);
    List<String> contradictions = new ArrayList<>();
    Map<SourceIdentifier, Row> byKey = new LinkedHashMap<>();
    long sameInChunk = 0;
    for (Row g : given) {
      Row r = new Row(g.line(), aliases.stored(g.key()), g.id());
      Row first = byKey.putIfAbsent(r.key(), r);
      if (first == null) {
        continue;
      }
      if (first.id().equals(r.id())) {
        sameInChunk++;
      } else {
        contradictions.add(
            file
                + " line "
                + r.line()
                + ": "
                + g.key()
                + " is "
                + r.key()
                + " (its system is an alias), given "
                + first.id()
                + " on line "
                + first.line()
                + "; the file says "
                + r.id()
                + ": kept "
                + first.id());
      }
    }
    List<Row> rows = new ArrayList<>(byKey.values());
    Map<SourceIdentifier, CanonicalId> existing =
        reader.read(c, rows.stream().map(Row::key).toList()).ids();
    Map<CanonicalId, SourceIdentifier> owners = ownersOf(c, rows.stream().map(Row::id).toList());
    List<Row> inserts = new ArrayList<>();
    long unchanged = sameInChunk;
    for (Row r : rows) {
      CanonicalId stored = existing.get(r.key());
      SourceIdentifier owner = owners.get(r.id());
      if (stored != null && stored.equals(r.id())) {
        unchanged++;
      } else if (stored != null) {
        contradictions.add(
            file
                + " line "
                + r.line()
                + ": "
                + r.key()
                + " is already mapped to "
                + stored
                + "; the file says "
                + r.id()
                + ": kept "
                + stored);
      } else if (owner != null) {
        contradictions.add(
            file
                + " line "
                + r.line()
                + ": canonical ID "
                + r.id()
                + " already belongs to "
                + owner
                + "; not shared with "
                + r.key());
      } else {
        inserts.add(r);
      }
    }
    if (inserts.isEmpty()) {
      return new ChunkOutcome(0, unchanged, contradictions);
    }
    db.dialect().upsertAssignedIds(c, inserts.stream().map(Row::id).toList());
    if (db.dialect()
        .insertMappingsIfAbsent(
            c,
            "identifiers",
            inserts.stream().map(r -> Map.entry(r.key(), r.id())).toList(),
            collisions)) {
      return new ChunkOutcome(inserts.size(), unchanged, contradictions); // every row ours
    }
    Map<SourceIdentifier, CanonicalId> after =
        reader.read(c, inserts.stream().map(Row::key).toList()).ids();
    for (Row r : inserts) {
      if (!r.id().equals(after.get(r.key()))) {
        throw new RetryTransaction(
            r.key() + " was minted concurrently while importing"); // decide again
      }
    }
    return new ChunkOutcome(inserts.size(), unchanged, contradictions);
  }

  private static Map<CanonicalId, SourceIdentifier> ownersOf(Connection c, List<CanonicalId> ids)
      throws SQLException {
    Map<CanonicalId, SourceIdentifier> owners = new HashMap<>();
    Sql.queryIn(
        c,
        "SELECT CanonicalId, OntologyType, SourceSystem, SourceId FROM identifiers WHERE CanonicalId IN ",
        ids.stream().map(CanonicalId::value).toList(),
        "",
        rs ->
            owners.putIfAbsent(
                new CanonicalId(rs.getString(1)),
                new SourceIdentifier(rs.getString(2), rs.getString(3), rs.getString(4))));
    return owners;
  }

  /** First pass: every row parses and is valid, or the import fails naming file and lines. */
  private long validate(Path file) {
    List<String> errors = new ArrayList<>();
    long[] rows = {0};
    long[] bad = {0};
    scan(
        file,
        (line, fieldsOrError) -> {
          rows[0]++;
          if (fieldsOrError instanceof String error) {
            bad[0]++;
            if (errors.size() < MAX_LISTED_ERRORS) {
              errors.add(error);
            }
          }
        });
    if (bad[0] > 0) {
      throw new InvalidInputException(
          file
              + ": "
              + bad[0]
              + " bad row(s) of "
              + rows[0]
              + ", nothing imported:\n  "
              + String.join("\n  ", errors)
              + (bad[0] > errors.size() ? "\n  …" : ""));
    }
    return rows[0];
  }

  @FunctionalInterface
  private interface ChunkConsumer {
    void accept(List<Row> rows);
  }

  private void forEachRow(Path file, ChunkConsumer consumer) {
    List<Row> chunk = new ArrayList<>(CHUNK);
    scan(
        file,
        (line, value) -> {
          chunk.add((Row) value);
          if (chunk.size() == CHUNK) {
            consumer.accept(List.copyOf(chunk));
            chunk.clear();
          }
        });
    if (!chunk.isEmpty()) {
      consumer.accept(List.copyOf(chunk));
    }
  }

  @FunctionalInterface
  private interface RowVisitor {
    /** value is a {@link Row} or, for a bad row, a String saying what is wrong. */
    void visit(long line, Object value);
  }

  private void scan(Path file, RowVisitor visitor) {
    try (CsvTable csv = CsvTable.open(file, COLUMNS)) {
      for (Optional<CsvTable.Line> l = csv.next(); l.isPresent(); l = csv.next()) {
        visitor.visit(l.get().line(), parse(file, l.get()));
      }
    }
  }

  private Object parse(Path file, CsvTable.Line line) {
    if (line instanceof CsvTable.BadRow bad) {
      return bad.problem();
    }
    CsvTable.Row row = (CsvTable.Row) line;
    List<String> f = row.values();
    try {
      CanonicalId id = CanonicalId.current(f.get(0)); // imports write today's format only
      SourceIdentifier given = new SourceIdentifier(f.get(1), f.get(2), f.get(3));
      types.requireKnown(given);
      SourceIdentifier key = given.normalised();
      return new Row(row.line(), key, id);
    } catch (IdMinterException e) {
      return file + " line " + row.line() + ": " + e.getMessage();
    }
  }
}
