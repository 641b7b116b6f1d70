package org.idminter.migrate.legacy;

import static org.idminter.migrate.legacy.LegacyTables.CANONICAL_IDS;
import static org.idminter.migrate.legacy.LegacyTables.LEGACY;
import static org.idminter.migrate.legacy.LegacyTables.NEW;
import static org.idminter.migrate.legacy.LegacyTables.REFUSED;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.idminter.migrate.engine.DatabaseChecksum;
import org.idminter.migrate.engine.Fingerprint;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.sql.Sql;

/**
 * The copy and its checks done by the database itself, where it can hash rows (not SQLite): each
 * chunk is a key range of the legacy table copied by two {@code INSERT … SELECT}s, and the source,
 * the copy and what the copy must hold are fingerprinted in SQL with the values {@link
 * org.idminter.migrate.engine.Checksum} computes in Java. The rows the plan refused are left out
 * through a table of their canonical IDs, compared with the legacy table's own collation.
 */
final class LegacyBulkCopy {
  private static final List<String> COLUMNS =
      List.of("CanonicalId", "OntologyType", "SourceSystem", "SourceId");

  /** One committed chunk: the last canonical ID it covered, and whether rows may follow. */
  record Chunk(Optional<String> last, int rows, boolean more) {}

  /**
   * What one statement saw: the legacy table, what a correct copy of it holds (refused rows left
   * out, types normalised), and the copy.
   */
  record Check(Fingerprint source, Fingerprint expected, Fingerprint copy) {}

  private final Dialect dialect;
  private final int chunk;

  LegacyBulkCopy(Dialect dialect, int chunk) {
    this.dialect = dialect;
    this.chunk = chunk;
  }

  /** Whether this database can copy and fingerprint by itself. */
  boolean available() {
    return dialect.rowHash(COLUMNS).isPresent();
  }

  /** (Re)creates the table of refused canonical IDs and fills it from the analysis. */
  void recordRefusals(Connection c, LegacyPlanner.Analysis a) throws SQLException {
    LegacyTables.execute(
        c,
        List.of(
            "DROP TABLE IF EXISTS " + REFUSED,
            // The legacy column's own type and collation, so equality means what the legacy key
            // means.
            "CREATE TABLE " + REFUSED + " AS SELECT CanonicalId FROM " + LEGACY + " WHERE 1 = 0",
            "CREATE INDEX " + REFUSED + "_id ON " + REFUSED + " (CanonicalId)"));
    Sql.batch(
        c,
        "INSERT INTO " + REFUSED + " (CanonicalId) VALUES (?)",
        List.copyOf(a.refusedById().keySet()),
        (ps, id) -> ps.setString(1, id));
  }

  void dropRefusals(Connection c) throws SQLException {
    LegacyTables.execute(c, List.of("DROP TABLE IF EXISTS " + REFUSED));
  }

  /**
   * Copies the next chunk after {@code after} (empty: from the start) into canonical_ids and
   * identifiers_new, and returns where it ended; with {@code skipCopied}, leaving out IDs and keys
   * the copy holds already (a resumed run: an interrupted re-copy may have written beyond the
   * cursor). Rows are bounded above by the chunk's last ID, so a row written later beyond it is
   * never half-copied; verification finds it.
   */
  Chunk copyChunk(Connection c, Optional<String> after, boolean anyRefused, boolean skipCopied)
      throws SQLException {
    String from = after.isPresent() ? " WHERE CanonicalId > ?" : "";
    List<String> bound =
        Sql.query(
            c,
            "SELECT CanonicalId FROM " + LEGACY + from + " ORDER BY CanonicalId LIMIT 1 OFFSET ?",
            ps -> {
              int i = bindAfter(ps, after);
              ps.setInt(i, chunk - 1);
            },
            rs -> rs.getString(1));
    boolean more = !bound.isEmpty();
    if (!more) {
      bound =
          Sql.query(
              c,
              "SELECT MAX(CanonicalId) FROM " + LEGACY + from,
              ps -> bindAfter(ps, after),
              rs -> rs.getString(1));
      if (bound.isEmpty() || bound.get(0) == null) {
        return new Chunk(after, 0, false);
      }
    }
    String last = bound.get(0);
    String range =
        " FROM "
            + LEGACY
            + " l WHERE "
            + (after.isPresent() ? "l.CanonicalId > ? AND " : "")
            + "l.CanonicalId <= ?"
            + (anyRefused ? " AND " + notRefused() : "");
    String type = LegacyTables.conceptType(dialect, "l.OntologyType");
    Sql.update(
        c,
        "INSERT INTO "
            + CANONICAL_IDS
            + " (CanonicalId, Status) SELECT l.CanonicalId, 'assigned'"
            + range
            + (skipCopied
                ? " AND NOT EXISTS (SELECT 1 FROM "
                    + CANONICAL_IDS
                    + " i WHERE i.CanonicalId = l.CanonicalId)"
                : ""),
        ps -> ps.setString(bindAfter(ps, after), last));
    int rows =
        Sql.update(
            c,
            "INSERT INTO "
                + NEW
                + " (OntologyType, SourceSystem, SourceId, CanonicalId) SELECT "
                + type
                + ", l.SourceSystem, l.SourceId, l.CanonicalId"
                + range
                + (skipCopied
                    ? " AND NOT EXISTS (SELECT 1 FROM "
                        + NEW
                        + " n WHERE n.OntologyType = "
                        + type
                        + " AND n.SourceSystem = l.SourceSystem AND n.SourceId = l.SourceId)"
                    : ""),
            ps -> ps.setString(bindAfter(ps, after), last));
    return new Chunk(Optional.of(last), rows, more);
  }

  /** The legacy table, what its copy must hold, and the copy, seen by one statement. */
  Check check(Connection c, boolean anyRefused) throws SQLException {
    List<String> normalised =
        List.of(
            "l.CanonicalId",
            LegacyTables.conceptType(dialect, "l.OntologyType"),
            "l.SourceSystem",
            "l.SourceId");
    String copyHash = hash(COLUMNS);
    String sql =
        "SELECT "
            + items(
                List.of("l.CanonicalId", "l.OntologyType", "l.SourceSystem", "l.SourceId"), null)
            + ", "
            + items(normalised, anyRefused ? notRefused() : "1 = 1")
            + ", (SELECT COUNT(*) FROM "
            + NEW
            + "), (SELECT SUM("
            + copyHash
            + ") FROM "
            + NEW
            + ") FROM "
            + LEGACY
            + " l";
    return Sql.query(
            c,
            sql,
            ps -> {},
            rs ->
                new Check(
                    DatabaseChecksum.read(rs, 1),
                    DatabaseChecksum.read(rs, 3),
                    DatabaseChecksum.read(rs, 5)))
        .get(0);
  }

  /** The fingerprint of {@code table}'s rows as they are. */
  Fingerprint fingerprint(Connection c, String table) throws SQLException {
    return Sql.query(
            c,
            "SELECT " + items(COLUMNS, null) + " FROM " + table,
            ps -> {},
            rs -> DatabaseChecksum.read(rs, 1))
        .get(0);
  }

  private String items(List<String> texts, String when) {
    return DatabaseChecksum.items(dialect, texts, when).orElseThrow(this::cannotHash);
  }

  private String hash(List<String> texts) {
    return dialect.rowHash(texts).orElseThrow(this::cannotHash);
  }

  private IllegalStateException cannotHash() {
    return new IllegalStateException(dialect.name() + " cannot hash rows in SQL");
  }

  private static String notRefused() {
    return "NOT EXISTS (SELECT 1 FROM " + REFUSED + " r WHERE r.CanonicalId = l.CanonicalId)";
  }

  private static int bindAfter(java.sql.PreparedStatement ps, Optional<String> after)
      throws SQLException {
    if (after.isPresent()) {
      ps.setString(1, after.get());
      return 2;
    }
    return 1;
  }
}
