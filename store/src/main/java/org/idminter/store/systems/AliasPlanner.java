package org.idminter.store.systems;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.idminter.core.CanonicalId;
import org.idminter.core.CollationClash;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.SystemAliases;
import org.idminter.store.mint.KeyReader;
import org.idminter.store.sql.Sql;
import org.idminter.store.systems.AliasPlan.Collision;
import org.idminter.store.systems.AliasPlan.InheritanceRow;
import org.idminter.store.systems.AliasPlan.KeyRow;
import org.idminter.store.systems.AliasPlan.Redirect;

/**
 * Reads every row an alias concerns and classifies it. Rows are selected by system and then
 * compared exactly in Java, so a case-insensitive collation cannot pull in another system's rows.
 */
final class AliasPlanner {
  private final KeyReader reader;

  AliasPlanner(KeyReader reader) {
    this.reader = reader;
  }

  /** A stored inheritance record. */
  record Inheritance(SourceIdentifier key, SourceIdentifier predecessor, CanonicalId id) {
    /** From the first seven columns: key, predecessor, canonical ID. */
    static Inheritance read(java.sql.ResultSet rs) throws SQLException {
      return new Inheritance(
          new SourceIdentifier(rs.getString(1), rs.getString(2), rs.getString(3)),
          new SourceIdentifier(rs.getString(4), rs.getString(5), rs.getString(6)),
          new CanonicalId(rs.getString(7)));
    }
  }

  /** A mapping from the first four columns: key, canonical ID. */
  static KeyRow keyRow(java.sql.ResultSet rs) throws SQLException {
    return new KeyRow(
        new SourceIdentifier(rs.getString(1), rs.getString(2), rs.getString(3)),
        new CanonicalId(rs.getString(4)));
  }

  AliasPlan plan(Connection c, String alias, String canonical, SystemAliases inForce)
      throws SQLException {
    List<String> refusals = new ArrayList<>(refusals(alias, canonical, inForce));
    List<KeyRow> aliasRows = keyRows(c, alias);
    List<SourceIdentifier> counterparts =
        aliasRows.stream().map(r -> renamed(r.key(), canonical)).toList();
    KeyReader.Found found = reader.read(c, counterparts);
    for (CollationClash clash : found.clashes()) {
      refusals.add(clash.message());
    }
    List<KeyRow> rekey = new ArrayList<>();
    List<KeyRow> retire = new ArrayList<>();
    List<Collision> collisions = new ArrayList<>();
    for (KeyRow r : aliasRows) {
      SourceIdentifier other = renamed(r.key(), canonical);
      CanonicalId otherId = found.ids().get(other);
      if (otherId == null) {
        rekey.add(r);
      } else if (otherId.equals(r.id())) {
        retire.add(r);
      } else {
        collisions.add(new Collision(r.key(), r.id(), other, otherId));
      }
    }
    Set<SourceIdentifier> leaving = new TreeSet<>();
    retire.forEach(r -> leaving.add(r.key()));
    collisions.forEach(r -> leaving.add(r.aliasKey())); // merged, then retired
    List<InheritanceRow> inheritance = new ArrayList<>();
    for (Inheritance i : inheritance(c, alias)) {
      boolean retired = leaving.contains(i.key());
      inheritance.add(
          new InheritanceRow(
              i.key(),
              i.predecessor(),
              i.id(),
              retired ? "retired" : "moved",
              retired ? Optional.empty() : Optional.of(renamedIf(i.key(), alias, canonical)),
              retired
                  ? Optional.empty()
                  : Optional.of(renamedIf(i.predecessor(), alias, canonical))));
    }
    List<String> ids = aliasRows.stream().map(r -> r.id().value()).distinct().sorted().toList();
    List<Redirect> redirects =
        Sql.queryIn(
            c,
            "SELECT CanonicalId, TargetId FROM identifier_redirects WHERE TargetId IN ",
            ids,
            " ORDER BY CanonicalId",
            rs -> new Redirect(new CanonicalId(rs.getString(1)), new CanonicalId(rs.getString(2))));
    return new AliasPlan(
        alias,
        canonical,
        canonical.equals(inForce.canonicalOf().get(alias)),
        rekey,
        retire,
        collisions,
        inheritance,
        redirects,
        refusals);
  }

  /** Why an alias cannot be declared, whatever the rows. */
  static List<String> refusals(String alias, String canonical, SystemAliases inForce) {
    List<String> out = new ArrayList<>();
    Map<String, String> of = inForce.canonicalOf();
    if (alias.equals(canonical)) {
      out.add("a source system cannot be an alias of itself");
    }
    if (of.containsKey(canonical)) {
      out.add(
          canonical
              + " is itself an alias of "
              + of.get(canonical)
              + ": declare "
              + alias
              + " an alias of "
              + of.get(canonical));
    }
    String already = of.get(alias);
    if (already != null && !already.equals(canonical)) {
      out.add(
          alias
              + " is already an alias of "
              + already
              + ": undo that first (`idminter systems alias undo "
              + alias
              + "`)");
    }
    String pointing =
        of.entrySet().stream()
            .filter(e -> e.getValue().equals(alias))
            .map(Map.Entry::getKey)
            .sorted()
            .collect(Collectors.joining(", "));
    if (!pointing.isEmpty()) {
      out.add(pointing + " already an alias of " + alias + ": an alias cannot have aliases");
    }
    return out;
  }

  /** Every mapping keyed exactly under {@code system}, in key order. */
  static List<KeyRow> keyRows(Connection c, String system) throws SQLException {
    return Sql.query(
            c,
            "SELECT OntologyType, SourceSystem, SourceId, CanonicalId FROM identifiers"
                + " WHERE SourceSystem = ?",
            ps -> ps.setString(1, system),
            AliasPlanner::keyRow)
        .stream()
        .filter(r -> r.key().sourceSystem().equals(system))
        .sorted((a, b) -> a.key().compareTo(b.key()))
        .toList();
  }

  /** Every inheritance record whose key or predecessor is exactly under {@code system}. */
  static List<Inheritance> inheritance(Connection c, String system) throws SQLException {
    return Sql.query(
            c,
            "SELECT OntologyType, SourceSystem, SourceId, PredecessorOntologyType,"
                + " PredecessorSourceSystem, PredecessorSourceId, CanonicalId"
                + " FROM identifier_inheritance WHERE SourceSystem = ? OR PredecessorSourceSystem = ?",
            ps -> {
              ps.setString(1, system);
              ps.setString(2, system);
            },
            Inheritance::read)
        .stream()
        .filter(
            i ->
                i.key().sourceSystem().equals(system)
                    || i.predecessor().sourceSystem().equals(system))
        .sorted((a, b) -> a.key().compareTo(b.key()))
        .toList();
  }

  static SourceIdentifier renamed(SourceIdentifier key, String system) {
    return new SourceIdentifier(key.ontologyType(), system, key.sourceId());
  }

  static SourceIdentifier renamedIf(SourceIdentifier key, String from, String to) {
    return key.sourceSystem().equals(from) ? renamed(key, to) : key;
  }
}
