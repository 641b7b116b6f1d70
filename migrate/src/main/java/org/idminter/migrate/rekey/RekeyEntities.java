package org.idminter.migrate.rekey;

import static org.idminter.migrate.rekey.RekeyDdl.ENTITIES;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.id.Qid;
import org.idminter.migrate.engine.Keyset;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.engine.TimeValue;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * The staging table of parent entities: one row per external ID with its creation time, its number
 * (so entities are numbered in creation order, then by number, never by text), its internal ID once
 * known, and its outcome. Staging reads the parent by keyset a page at a time; each page is written
 * in the transaction that records how far staging got.
 */
final class RekeyEntities {
  /** Waiting for an internal ID. */
  static final int PENDING = 0;

  /** Registered by this migration. */
  static final int REGISTERED = 1;

  /** Already in the registry before: kept, never renumbered. */
  static final int KEPT = 2;

  /** Refused (not an external ID of the spec's prefixes, or registered with another type). */
  static final int REFUSED = 3;

  private final Database db;
  private final RekeyDdl ddl;
  private final RekeySpec spec;
  private final int chunk;

  RekeyEntities(Database db, RekeyDdl ddl, RekeySpec spec, int chunk) {
    this.db = db;
    this.ddl = ddl;
    this.spec = spec;
    this.chunk = chunk;
  }

  /** Creates the staging table and its keys, each unless it is there already. */
  void create() {
    Column parent = spec.parent();
    db.read(
        "creating " + ENTITIES,
        c -> Sql.update(c, ddl.createEntities(parent.table(), parent.column()), ps -> {}));
    TableShape shape = db.read("reading " + ENTITIES, c -> TableShape.require(c, ENTITIES));
    if (shape.primaryKey().isEmpty()) {
      if (!ddl.mysql() && shape.isNullable("external_id")) {
        db.read(
            "creating " + ENTITIES,
            c -> Sql.update(c, ddl.setNotNull(ENTITIES, "external_id"), ps -> {}));
      }
      db.read(
          "creating " + ENTITIES,
          c -> Sql.update(c, ddl.addPrimaryKey(ENTITIES, List.of("external_id")), ps -> {}));
    }
    if (!shape.hasIndex("irk_entities_order")) {
      db.read(
          "creating " + ENTITIES,
          c ->
              Sql.update(
                  c,
                  ddl.createIndex(
                      "irk_entities_order",
                      ENTITIES,
                      List.of("outcome", "created_ms", "num", "external_id"),
                      false),
                  ps -> {}));
    }
  }

  /** The next page of parent external IDs after {@code after} (null: from the start). */
  List<String> parentPage(Connection c, String after) throws SQLException {
    Column p = spec.parent();
    return Keyset.page(c, p.column(), p.table(), p.column(), "", 1, chunk, after).stream()
        .map(r -> r[0])
        .toList();
  }

  /** Parent external IDs not staged yet (written after staging passed them), a page at most. */
  List<String> unstaged(Connection c) throws SQLException {
    Column p = spec.parent();
    return Sql.query(
        c,
        "SELECT p."
            + p.column()
            + " FROM "
            + p.table()
            + " p WHERE p."
            + p.column()
            + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
            + ENTITIES
            + " e WHERE e.external_id = p."
            + p.column()
            + ") ORDER BY p."
            + p.column()
            + " LIMIT ?",
        ps -> ps.setInt(1, chunk),
        rs -> rs.getString(1));
  }

  /**
   * Stages {@code ids}: each one's creation time (or {@code startedMs}), number and outcome; an
   * entity already registered keeps its internal ID. Returns how many were staged.
   */
  int stage(Connection c, List<String> ids, long startedMs) throws SQLException {
    if (ids.isEmpty()) {
      return 0;
    }
    Map<String, Long> times = times(c, ids);
    Map<String, String[]> registered = RekeyPlanner.registered(c, ids);
    List<Object[]> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      Qid q = spec.entityTypes().tryParse(id);
      String[] m = registered.get(id);
      long time = times.getOrDefault(id, startedMs);
      if (q == null || (m != null && !m[0].equals(q.entityType()))) {
        rows.add(new Object[] {id, time, 0L, null, REFUSED});
      } else if (m != null) {
        rows.add(new Object[] {id, time, q.number(), Long.parseLong(m[1]), KEPT});
      } else {
        rows.add(new Object[] {id, time, q.number(), null, PENDING});
      }
    }
    Sql.insertRows(
        c,
        "INSERT INTO " + ENTITIES + " (external_id, created_ms, num, internal_id, outcome)",
        "(?, ?, ?, ?, ?)",
        "",
        rows,
        (ps, i, r) -> {
          ps.setString(i, (String) r[0]);
          ps.setLong(i + 1, (Long) r[1]);
          ps.setLong(i + 2, (Long) r[2]);
          if (r[3] == null) {
            ps.setNull(i + 3, java.sql.Types.BIGINT);
          } else {
            ps.setLong(i + 3, (Long) r[3]);
          }
          ps.setInt(i + 4, (Integer) r[4]);
        });
    return rows.size();
  }

  /** Each entity's creation time, the spec's aggregate of its time column; absent: none known. */
  private Map<String, Long> times(Connection c, List<String> ids) throws SQLException {
    Map<String, Long> times = new HashMap<>();
    if (spec.createdAt().isEmpty()) {
      return times;
    }
    RekeySpec.CreatedAt a = spec.createdAt().get();
    Column source = spec.createdAtSource().orElseThrow();
    for (Object[] r :
        Sql.queryIn(
            c,
            "SELECT "
                + source.column()
                + ", "
                + a.aggregate().toUpperCase(java.util.Locale.ROOT)
                + "("
                + a.column()
                + ") FROM "
                + source.table()
                + " WHERE "
                + source.column()
                + " IN ",
            ids,
            " GROUP BY " + source.column(),
            rs -> new Object[] {rs.getString(1), rs.getObject(2)})) {
      if (r[1] == null) {
        continue; // no time known: the migration's start
      }
      try {
        times.put((String) r[0], TimeValue.millis(r[1]));
      } catch (IllegalArgumentException e) {
        throw new IdMinterException(
            ErrorCode.REFUSED,
            "the creation time of "
                + r[0]
                + " ("
                + a.aggregate()
                + " of "
                + source.table()
                + "."
                + a.column()
                + ") cannot be read: "
                + e.getMessage()
                + "; correct it, or leave \"created_at\" out of the spec; stopped before that page");
      }
    }
    return times;
  }
}
