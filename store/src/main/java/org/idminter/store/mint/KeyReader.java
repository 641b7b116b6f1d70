package org.idminter.store.mint;

import java.sql.Connection;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.idminter.core.CanonicalId;
import org.idminter.core.CollationClash;
import org.idminter.core.InvalidInputException;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.sql.Sql;

/**
 * Reads the stored canonical IDs of many keys: grouped by (OntologyType, SourceSystem), at most
 * {@value #Sql.MAX_IN} values per IN-list. Rows are matched to requested keys exactly in Java, so a
 * case-insensitive or space-padding collation can never hand back another record's ID: a row that
 * the database matched but that differs in spelling is reported as a {@link CollationClash}.
 */
public final class KeyReader {

  /** IN-list sizes used; a chunk is padded up to one of these so the database reuses plans. */
  private static final int[] BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, Sql.MAX_IN};

  public record Found(Map<SourceIdentifier, CanonicalId> ids, List<CollationClash> clashes) {}

  private record Group(String ontologyType, String sourceSystem) {}

  private record Row(
      String ontologyType, String sourceSystem, String sourceId, String canonicalId) {
    SourceIdentifier key() {
      return new SourceIdentifier(ontologyType, sourceSystem, sourceId);
    }
  }

  private final Dialect dialect;

  public KeyReader(Dialect dialect) {
    this.dialect = dialect;
  }

  public Found read(Connection c, Collection<SourceIdentifier> keys) throws SQLException {
    Map<Group, List<String>> groups = new LinkedHashMap<>();
    Map<SourceIdentifier, Boolean> requested = new HashMap<>();
    for (SourceIdentifier k : keys) {
      if (requested.putIfAbsent(k, Boolean.TRUE) == null) {
        groups
            .computeIfAbsent(new Group(k.ontologyType(), k.sourceSystem()), g -> new ArrayList<>())
            .add(k.sourceId());
      }
    }
    Map<SourceIdentifier, CanonicalId> ids = new HashMap<>();
    List<Row> unmatched = new ArrayList<>();
    for (Map.Entry<Group, List<String>> g : groups.entrySet()) {
      List<String> values = g.getValue();
      for (int from = 0; from < values.size(); from += Sql.MAX_IN) {
        List<String> chunk = values.subList(from, Math.min(values.size(), from + Sql.MAX_IN));
        for (Row row : query(c, g.getKey(), chunk)) {
          SourceIdentifier exact = exactKey(row);
          if (exact != null && requested.containsKey(exact)) {
            ids.put(exact, canonicalId(row));
          } else {
            unmatched.add(row);
          }
        }
      }
    }
    return new Found(ids, clashes(keys, ids, unmatched));
  }

  private List<Row> query(Connection c, Group group, List<String> chunk) throws SQLException {
    int size = bucket(chunk.size());
    List<String> padded = new ArrayList<>(chunk);
    while (padded.size() < size) {
      padded.add(chunk.get(chunk.size() - 1));
    }
    return Sql.query(
        c,
        dialect.keyLookup(size),
        ps -> {
          ps.setString(1, group.ontologyType());
          ps.setString(2, group.sourceSystem());
          dialect.bindValues(ps, 3, padded);
        },
        rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  private static int bucket(int n) {
    for (int b : BUCKETS) {
      if (n <= b) {
        return b;
      }
    }
    throw new IllegalArgumentException("chunk of " + n + " exceeds " + Sql.MAX_IN);
  }

  private static SourceIdentifier exactKey(Row row) {
    try {
      return row.key();
    } catch (InvalidInputException e) {
      return null; // a stored spelling we would refuse as input cannot equal a requested key
    }
  }

  private static CanonicalId canonicalId(Row row) {
    try {
      return new CanonicalId(row.canonicalId());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "the stored mapping "
              + row.ontologyType()
              + "["
              + row.sourceSystem()
              + "/"
              + row.sourceId()
              + "] has a canonical ID outside idminter's format: "
              + e.getMessage(),
          e);
    }
  }

  /** Requested keys with no exact row but a row equal up to case, accents or trailing spaces. */
  private static List<CollationClash> clashes(
      Collection<SourceIdentifier> keys,
      Map<SourceIdentifier, CanonicalId> ids,
      List<Row> unmatched) {
    if (unmatched.isEmpty()) {
      return List.of();
    }
    Map<String, Row> byFold = new HashMap<>();
    for (Row row : unmatched) {
      byFold.putIfAbsent(fold(row.ontologyType(), row.sourceSystem(), row.sourceId()), row);
    }
    List<CollationClash> out = new ArrayList<>();
    for (SourceIdentifier k : new java.util.LinkedHashSet<>(keys)) {
      if (!ids.containsKey(k)) {
        Row row = byFold.get(fold(k.ontologyType(), k.sourceSystem(), k.sourceId()));
        if (row != null) {
          SourceIdentifier stored = exactKey(row);
          if (stored != null) {
            out.add(new CollationClash(k, stored, canonicalId(row)));
          }
        }
      }
    }
    return out;
  }

  private static String fold(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      String stripped = p.replaceAll(" +$", "");
      String noAccents =
          Normalizer.normalize(stripped, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
      sb.append(noAccents.toLowerCase(Locale.ROOT)).append('\u0000');
    }
    return sb.toString();
  }
}
