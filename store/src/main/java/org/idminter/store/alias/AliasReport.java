package org.idminter.store.alias;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.alias.AliasGroup.Basis;
import org.idminter.store.alias.AliasGroup.Member;
import org.idminter.store.alias.AliasGroup.Role;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/** Lists canonical IDs shared by more than one key, each key marked original or alias. */
public final class AliasReport {
  private static final String SHARED_IDS =
      "SELECT CanonicalId FROM identifiers GROUP BY CanonicalId HAVING COUNT(*) > 1 ORDER BY CanonicalId";

  private final Database db;
  private final Runnable schemaCheck;

  public AliasReport(Database db, Runnable schemaCheck) {
    this.db = db;
    this.schemaCheck = schemaCheck;
  }

  private record Row(SourceIdentifier key, CanonicalId id, Timestamp createdAt) {}

  /** Alias groups for the given IDs, or for every shared ID when none are given. */
  public List<AliasGroup> list(List<CanonicalId> only) {
    schemaCheck.run();
    return db.read(
        "listing aliases",
        c -> {
          List<CanonicalId> ids =
              only.isEmpty()
                  ? Sql.query(c, SHARED_IDS, ps -> {}, rs -> new CanonicalId(rs.getString(1)))
                  : only.stream().distinct().sorted().toList();
          Map<CanonicalId, List<Row>> rows = new TreeMap<>();
          Map<SourceIdentifier, SourceIdentifier> recorded = new HashMap<>();
          List<String> values = ids.stream().map(CanonicalId::value).toList();
          readRows(c, values, rows);
          readInheritance(c, values, recorded);
          List<AliasGroup> groups = new ArrayList<>();
          rows.forEach(
              (id, members) -> {
                if (members.size() > 1) {
                  groups.add(group(id, members, recorded));
                }
              });
          return groups;
        });
  }

  private static AliasGroup group(
      CanonicalId id, List<Row> rows, Map<SourceIdentifier, SourceIdentifier> recorded) {
    List<Member> members = new ArrayList<>();
    List<Row> unrecorded = new ArrayList<>();
    for (Row r : rows) {
      SourceIdentifier pred = recorded.get(r.key());
      if (pred != null) {
        members.add(new Member(r.key(), Role.ALIAS, Basis.RECORDED, Optional.of(pred)));
      } else {
        unrecorded.add(r);
      }
    }
    // Keys without a recorded inheritance: exactly one is the root of every recorded chain when
    // idminter minted them all; rows other tools wrote fall back to the earliest CreatedAt.
    unrecorded.sort(
        Comparator.comparing(Row::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Row::key));
    Basis basis = unrecorded.size() == 1 ? Basis.RECORDED : Basis.CREATED_AT;
    for (int i = 0; i < unrecorded.size(); i++) {
      members.add(
          i,
          new Member(
              unrecorded.get(i).key(),
              i == 0 ? Role.ORIGINAL : Role.ALIAS,
              basis,
              Optional.empty()));
    }
    return new AliasGroup(id, members);
  }

  private static void readRows(Connection c, List<String> ids, Map<CanonicalId, List<Row>> into)
      throws SQLException {
    Sql.queryIn(
        c,
        "SELECT OntologyType, SourceSystem, SourceId, CanonicalId, CreatedAt FROM identifiers WHERE CanonicalId IN ",
        ids,
        " ORDER BY CanonicalId",
        rs -> {
          Row r =
              new Row(
                  new SourceIdentifier(rs.getString(1), rs.getString(2), rs.getString(3)),
                  new CanonicalId(rs.getString(4)),
                  rs.getTimestamp(5));
          into.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
          return null;
        });
  }

  private static void readInheritance(
      Connection c, List<String> ids, Map<SourceIdentifier, SourceIdentifier> into)
      throws SQLException {
    Sql.queryIn(
        c,
        "SELECT OntologyType, SourceSystem, SourceId, PredecessorOntologyType, PredecessorSourceSystem,"
            + " PredecessorSourceId FROM identifier_inheritance WHERE CanonicalId IN ",
        ids,
        "",
        rs ->
            into.put(
                new SourceIdentifier(rs.getString(1), rs.getString(2), rs.getString(3)),
                new SourceIdentifier(rs.getString(4), rs.getString(5), rs.getString(6))));
  }
}
