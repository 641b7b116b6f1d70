package org.idminter.migrate.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idminter.core.CanonicalId;
import org.idminter.core.InvalidInputException;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.Text;
import org.idminter.migrate.engine.Checksum;
import org.idminter.migrate.engine.Fingerprint;
import org.idminter.store.dialect.Dialect;

/** Reads a legacy table (without writing) and finds what cannot be migrated as it is. */
final class LegacyPlanner {
  private final Dialect dialect;
  private final int chunk;

  LegacyPlanner(Dialect dialect, int chunk) {
    this.dialect = dialect;
    this.chunk = chunk;
  }

  /** The analysis a plan and an apply share; read-only. */
  record Analysis(
      Fingerprint source, Map<String, Map<String, Long>> counts, Map<String, Refusal> refusedById) {
    boolean refuses(LegacyRow row) {
      return refusedById.containsKey(row.canonicalId());
    }
  }

  Analysis analyse(Connection c, String table) throws SQLException {
    Checksum checksum = new Checksum();
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    Map<String, Refusal> refused = new LinkedHashMap<>();
    LegacyTables.forEachChunk(
        c,
        table,
        null,
        chunk,
        rows -> {
          for (LegacyRow row : rows) {
            checksum.add(row.fields());
            counts
                .computeIfAbsent(String.valueOf(row.sourceSystem()), k -> new TreeMap<>())
                .merge(String.valueOf(row.ontologyType()), 1L, Long::sum);
            invalid(row)
                .ifPresent(reason -> refused.put(row.canonicalId(), new Refusal(row, reason)));
          }
        });
    collisions(LegacyTables.collisionCandidates(c, dialect, table), refused);
    return new Analysis(checksum.fingerprint(), counts, refused);
  }

  /** Why a single row cannot be stored, if it cannot. */
  static Optional<String> invalid(LegacyRow row) {
    String id = row.canonicalId();
    if (id == null || id.isEmpty()) {
      return Optional.of("the canonical ID is empty");
    }
    if (id.length() > CanonicalId.LENGTH) {
      return Optional.of("canonical ID " + Text.quote(id) + " is longer than 8 characters");
    }
    if (!CanonicalId.isStored(id)) {
      // IDs minted under older rules (such as f0000000, or 7-character item IDs) are kept as they
      // are: only new IDs must be in today's format.
      return Optional.of(
          "canonical ID "
              + Text.quote(id)
              + " is neither in today's format ("
              + CanonicalId.FORMAT
              + ") nor an older one (1 to 8 lowercase letters and digits)");
    }
    try {
      new SourceIdentifier(row.ontologyType(), row.sourceSystem(), row.sourceId());
      return Optional.empty();
    } catch (InvalidInputException e) {
      return Optional.of(
          e.getMessage().contains("U+FFFD")
              ? e.getMessage() + " (bytes that are not valid text)"
              : e.getMessage());
    }
  }

  /**
   * Groups rows equal ignoring case; refuses exact collisions after normalisation and case-only
   * twins.
   */
  private static void collisions(List<LegacyRow> candidates, Map<String, Refusal> refused) {
    Map<String, List<LegacyRow>> groups = new LinkedHashMap<>();
    for (LegacyRow row : candidates) {
      LegacyRow n = row.normalised();
      String fold =
          (n.ontologyType() + '\u0000' + n.sourceSystem() + '\u0000' + n.sourceId())
              .toLowerCase(Locale.ROOT);
      groups.computeIfAbsent(fold, k -> new ArrayList<>()).add(row);
    }
    for (List<LegacyRow> group : groups.values()) {
      for (LegacyRow row : group) {
        for (LegacyRow other : group) {
          if (other == row || refused.containsKey(row.canonicalId())) {
            continue;
          }
          boolean exact = row.normalised().key().equals(other.normalised().key());
          String reason =
              exact
                  ? "collides with "
                      + other.key()
                      + " ("
                      + other.canonicalId()
                      + "): both are "
                      + row.normalised().key()
                      + " once Person, Organisation, Place, Agent, Meeting, Genre and Period are stored as Concept"
                  : "collapses with "
                      + other.key()
                      + " ("
                      + other.canonicalId()
                      + ") under case-insensitive comparison";
          refused.put(row.canonicalId(), new Refusal(row, reason));
        }
      }
    }
  }

  /** What apply does, step by step, for the plan's readers. */
  static List<String> steps(Analysis a, boolean skipRefused) {
    List<String> steps = new ArrayList<>();
    steps.add(
        "take the migration lock (table " + LegacyTables.STATE + "; a crashed run's lock expires)");
    steps.add(
        "check the source is still "
            + a.source()
            + " and refuse if any row would be refused"
            + (skipRefused
                ? " (--skip-refused: "
                    + a.refusedById().size()
                    + " row(s) skipped and listed in the report)"
                : ""));
    steps.add("create canonical_ids and identifiers_new (RFC 083 schema, exact comparison)");
    steps.add(
        "copy "
            + (a.source().rows() - a.refusedById().size())
            + " row(s) in key ranges of the chunk size, by the database itself (INSERT … SELECT)"
            + " where it can: each canonical ID as 'assigned', each key with Person/Agent/… stored"
            + " as Concept; resumable after a crash");
    steps.add(
        "verify: row counts and checksums of the source, what the copy must hold, and the copy,"
            + " computed by the database in one statement (by idminter where it cannot); rows"
            + " written to the source meanwhile are carried over, or the swap is refused");
    steps.add(
        "swap with an atomic rename: identifiers -> identifiers_old, identifiers_new -> identifiers");
    steps.add(
        "check identifiers_old still has the verified checksum (carry over anything written"
            + " before the rename)");
    steps.add("record the schema version (Flyway baseline) and add identifier_inheritance");
    steps.add("optionally pre-generate free IDs (--pregenerate N)");
    return steps;
  }
}
