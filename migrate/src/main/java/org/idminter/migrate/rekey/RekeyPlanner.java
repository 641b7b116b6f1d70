package org.idminter.migrate.rekey;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.id.Qid;
import org.idminter.migrate.engine.Checksum;
import org.idminter.migrate.engine.Keyset;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.rekey.RekeyPlan.Refused;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Reads the tables a rekey spec names, without writing: the parent's external IDs in chunks (memory
 * stays flat), each checked against the spec's prefixes; child rows whose parent is missing
 * (orphans); entities already in the registry, and any whose registered type disagrees with its
 * prefix. Names come from the spec, which admits only plain identifiers; values are always bound.
 */
public final class RekeyPlanner {
  /** Refused rows listed per kind (all are counted). */
  public static final int LISTED = 1_000;

  private final Database db;
  private final int chunk;

  public RekeyPlanner(Database db, int chunk) {
    this.db = db;
    this.chunk = chunk;
  }

  public RekeyPlan plan(RekeySpec spec) {
    return db.read("planning the rekey of " + spec.parent().table(), c -> analyse(c, spec));
  }

  private RekeyPlan analyse(Connection c, RekeySpec spec) throws SQLException {
    requireShape(c, spec);
    Column parent = spec.parent();
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> perType = new TreeMap<>();
    List<Refused> refused = new ArrayList<>();
    long[] refusedCount = {0};
    Checksum checksum = new Checksum();
    boolean mapped = has(c, "entity_id_mapping", "external_id");
    boolean hasNewColumn = has(c, parent.table(), spec.newColumn());
    long[] parents = {0};
    long[] alreadyRegistered = {0};
    Keyset.pages(
        c,
        parent.column() + (hasNewColumn ? ", " + spec.newColumn() : ""),
        parent.table(),
        parent.column(),
        "",
        hasNewColumn ? 2 : 1,
        chunk,
        null,
        page -> {
          List<String> ids = page.stream().map(r -> r[0]).toList();
          Map<String, String[]> registeredNow = mapped ? registered(c, ids) : Map.of();
          alreadyRegistered[0] += registeredNow.size();
          for (String[] row : page) {
            String[] m = registeredNow.get(row[0]);
            if (m != null) {
              disagreements(
                  spec, hasNewColumn ? row : new String[] {row[0], null}, m, refused, refusedCount);
            }
          }
          for (String id : ids) {
            parents[0]++;
            checksum.add(id);
            Qid q = spec.entityTypes().tryParse(id);
            if (q == null) {
              refuse(refused, refusedCount, parent.table(), id, 1, why(spec, id));
            } else {
              perType.merge(q.entityType(), 1L, Long::sum);
            }
          }
        });
    long nulls =
        count(
            c, "SELECT COUNT(*) FROM " + parent.table() + " WHERE " + parent.column() + " IS NULL");
    if (nulls > 0) {
      parents[0] += nulls;
      checksum.add(parent.table(), "NULL", Long.toString(nulls));
      refuse(refused, refusedCount, parent.table(), null, nulls, why(spec, null));
    }
    rows.put(parent.table(), parents[0]);
    for (Column child : spec.children()) {
      long n = count(c, "SELECT COUNT(*) FROM " + child.table());
      rows.put(child.table(), n);
      checksum.add(child.table(), Long.toString(n));
      childValues(c, child, checksum);
      orphans(c, spec, child, refused, refusedCount);
    }
    return new RekeyPlan(
        checksum.fingerprint(),
        rows,
        perType,
        alreadyRegistered[0],
        refusedCount[0],
        refused,
        RekeySteps.of(spec));
  }

  /**
   * Adds each value of a child's referencing column, with how many rows hold it, to the
   * fingerprint: paged by value (memory bounded by the chunk), so a row moved from one entity to
   * another changes the fingerprint even when no count does.
   */
  private void childValues(Connection c, Column child, Checksum checksum) throws SQLException {
    String col = child.column();
    Keyset.pages(
        c,
        col + ", COUNT(*)",
        child.table(),
        col,
        " GROUP BY " + col,
        2,
        chunk,
        null,
        page -> {
          for (String[] v : page) {
            checksum.add(child.table(), v[0], v[1]);
          }
        });
  }

  /** Every named table and column exists; anything else is an unexpected shape, refused. */
  private static void requireShape(Connection c, RekeySpec spec) throws SQLException {
    List<Column> needed = new ArrayList<>(spec.tables());
    spec.createdAt().ifPresent(a -> needed.add(new Column(a.table(), a.column())));
    for (Column t : needed) {
      if (!has(c, t.table(), t.column())) {
        throw new IdMinterException(
            ErrorCode.REFUSED,
            "the spec names "
                + t.table()
                + "."
                + t.column()
                + ", which this database does not have ("
                + (TableShape.stored(c, t.table()).isEmpty() ? "no such table" : "no such column")
                + "); nothing was read further. Check the spec against the schema");
      }
    }
  }

  /** Child rows whose value names no parent row (or is NULL), grouped by value. */
  private void orphans(
      Connection c, RekeySpec spec, Column child, List<Refused> refused, long[] refusedCount)
      throws SQLException {
    String sql =
        "SELECT c."
            + child.column()
            + ", COUNT(*) FROM "
            + child.table()
            + " c LEFT JOIN "
            + spec.parent().table()
            + " p ON p."
            + spec.parent().column()
            + " = c."
            + child.column()
            + " WHERE p."
            + spec.parent().column()
            + " IS NULL GROUP BY c."
            + child.column()
            + " ORDER BY c."
            + child.column();
    for (Object[] row :
        Sql.query(c, sql, ps -> {}, rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
      String value = (String) row[0];
      refuse(
          refused,
          refusedCount,
          child.table(),
          value,
          (Long) row[1],
          value == null
              ? "no entity (the column is NULL)"
              : "orphan: no row of " + spec.parent().table() + " has " + value);
    }
  }

  /**
   * The registry's rows for {@code ids}, as external ID → {entity type, internal ID}. Looked up by
   * bound values, never joined: the registry's table and the spec's tables may have different
   * collations (MySQL refuses to compare those).
   */
  static Map<String, String[]> registered(Connection c, List<String> ids) throws SQLException {
    Map<String, String[]> found = new java.util.HashMap<>();
    for (String[] r :
        Sql.queryIn(
            c,
            "SELECT external_id, entity_type, internal_id FROM entity_id_mapping WHERE external_id IN ",
            ids,
            "",
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
      found.put(r[0], new String[] {r[1], r[2]});
    }
    return found;
  }

  /**
   * An entity already in the registry is kept with its internal ID; one whose registered type
   * disagrees with the spec's prefix is refused, as is one whose row already holds another internal
   * ID in the new column (an earlier attempt by other means).
   */
  private static void disagreements(
      RekeySpec spec, String[] row, String[] mapping, List<Refused> refused, long[] count) {
    String table = spec.parent().table();
    Qid q = spec.entityTypes().tryParse(row[0]);
    if (q != null && !q.entityType().equals(mapping[0])) {
      refuse(
          refused,
          count,
          table,
          row[0],
          1,
          "registered with entity type "
              + mapping[0]
              + ", but the spec's prefix "
              + q.prefix()
              + " means "
              + q.entityType());
    } else if (row[1] != null && !row[1].equals(mapping[1])) {
      refuse(
          refused,
          count,
          table,
          row[0],
          1,
          table
              + "."
              + spec.newColumn()
              + " holds "
              + row[1]
              + ", but the registry maps "
              + row[0]
              + " to "
              + mapping[1]);
    }
  }

  /** True when the table exists with the column (read from the metadata, never by failing). */
  private static boolean has(Connection c, String table, String column) throws SQLException {
    return TableShape.read(c, table).map(t -> t.hasColumn(column)).orElse(false);
  }

  private static long count(Connection c, String sql) throws SQLException {
    return Sql.queryLong(c, sql, ps -> {});
  }

  private static String why(RekeySpec spec, String id) {
    if (id == null) {
      return "the external ID is NULL";
    }
    try {
      spec.entityTypes().parse(id);
      return "not an external ID";
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }

  private static void refuse(
      List<Refused> refused,
      long[] count,
      String table,
      String externalId,
      long rows,
      String reason) {
    count[0] += rows;
    if (refused.size() < LISTED) {
      refused.add(new Refused(table, externalId, rows, reason));
    }
  }
}
