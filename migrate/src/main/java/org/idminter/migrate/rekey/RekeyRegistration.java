package org.idminter.migrate.rekey;

import static org.idminter.migrate.rekey.RekeyDdl.ENTITIES;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.Flake64Sequence;
import org.idminter.core.id.Qid;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Registers the staged entities that have no internal ID yet, in order (creation time, then number,
 * then external ID), a chunk per transaction: each gets the next value of one {@link
 * Flake64Sequence} (a value some other entity already holds in the registry is passed over), is
 * inserted into entity_id_mapping, and is marked registered in the staging table, in the
 * transaction that commits the last value issued, so a run stopped anywhere continues with exactly
 * the values an uninterrupted run would have issued.
 */
final class RekeyRegistration {
  /** A staged entity waiting for its internal ID. */
  private record Pending(String externalId, long createdMs, long number) {}

  private final Database db;
  private final RekeySpec spec;
  private final int chunk;

  RekeyRegistration(Database db, RekeySpec spec, int chunk) {
    this.db = db;
    this.spec = spec;
    this.chunk = chunk;
  }

  /** Registers every pending entity, resuming after the phase's last committed value. */
  long registerAll(PhaseRun run) {
    Optional<Flake64> last =
        run.resumeCursor().filter(s -> !s.isEmpty()).map(s -> new Flake64(Long.parseLong(s)));
    return register(last, run);
  }

  /**
   * Registers entities staged after the phase ended (written while apply ran), continuing after the
   * greatest value this migration issued.
   */
  long registerLate() {
    Optional<Flake64> greatest =
        db.read(
            "reading the last internal ID issued",
            c ->
                Sql.query(
                        c,
                        "SELECT MAX(internal_id) FROM "
                            + ENTITIES
                            + " WHERE outcome = "
                            + RekeyEntities.REGISTERED,
                        ps -> {},
                        rs ->
                            rs.getObject(1) == null
                                ? Optional.<Long>empty()
                                : Optional.of(rs.getLong(1)))
                    .get(0)
                    .map(Flake64::new));
    return register(greatest, null);
  }

  /** Chunks until nothing is pending; with a run, each commits its last value as the cursor. */
  private long register(Optional<Flake64> start, PhaseRun run) {
    long total =
        db.read(
            "counting the entities to register",
            c ->
                Sql.queryLong(
                    c,
                    "SELECT COUNT(*) FROM "
                        + ENTITIES
                        + " WHERE outcome = "
                        + RekeyEntities.PENDING,
                    ps -> {}));
    Optional<Flake64> last = start;
    long done = 0;
    while (done < total) {
      if (run != null) {
        run.awaitCapacity();
      }
      Optional<Flake64> from = last;
      Optional<Flake64> issued =
          db.inTransaction(
              "registering a chunk of entities",
              c -> {
                Optional<Flake64> end = registerChunk(c, from);
                if (end.isPresent() && run != null) {
                  run.checkpoint(c, Long.toString(end.get().value()));
                }
                return end;
              });
      if (issued.isEmpty()) {
        break;
      }
      last = issued;
      done = Math.min(total, done + chunk);
      if (run != null) {
        run.progress().progress(done, total);
      }
    }
    return total;
  }

  /** One chunk; the last value issued, or empty when nothing was pending. */
  private Optional<Flake64> registerChunk(Connection c, Optional<Flake64> after)
      throws SQLException {
    List<Pending> pending =
        Sql.query(
            c,
            "SELECT external_id, created_ms, num FROM "
                + ENTITIES
                + " WHERE outcome = "
                + RekeyEntities.PENDING
                + " ORDER BY outcome, created_ms, num, external_id LIMIT ?",
            ps -> ps.setInt(1, chunk),
            rs -> new Pending(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    // Registered meanwhile by another writer: kept as registered (the plan's rule).
    Map<String, String[]> meanwhile =
        RekeyPlanner.registered(c, pending.stream().map(Pending::externalId).toList());
    List<Pending> fresh =
        pending.stream().filter(p -> !meanwhile.containsKey(p.externalId())).toList();
    List<Flake64> values = draw(c, fresh, after);
    List<Object[]> mappings = new ArrayList<>();
    List<Object[]> marks = new ArrayList<>();
    for (int i = 0; i < fresh.size(); i++) {
      Qid q = spec.entityTypes().parse(fresh.get(i).externalId());
      mappings.add(new Object[] {values.get(i).value(), fresh.get(i).externalId(), q.entityType()});
      marks.add(
          new Object[] {
            values.get(i).value(), RekeyEntities.REGISTERED, fresh.get(i).externalId()
          });
    }
    for (Map.Entry<String, String[]> m : meanwhile.entrySet()) {
      Qid q = spec.entityTypes().parse(m.getKey());
      boolean agrees = q.entityType().equals(m.getValue()[0]);
      marks.add(
          new Object[] {
            agrees ? Long.valueOf(m.getValue()[1]) : null,
            agrees ? RekeyEntities.KEPT : RekeyEntities.REFUSED,
            m.getKey()
          });
    }
    Sql.insertRows(
        c,
        "INSERT INTO entity_id_mapping (internal_id, external_id, entity_type)",
        "(?, ?, ?)",
        "",
        mappings,
        (ps, i, r) -> {
          ps.setLong(i, (Long) r[0]);
          ps.setString(i + 1, (String) r[1]);
          ps.setString(i + 2, (String) r[2]);
        });
    Sql.batch(
        c,
        "UPDATE " + ENTITIES + " SET internal_id = ?, outcome = ? WHERE external_id = ?",
        marks,
        (ps, r) -> {
          if (r[0] == null) {
            ps.setNull(1, java.sql.Types.BIGINT);
          } else {
            ps.setLong(1, (Long) r[0]);
          }
          ps.setInt(2, (Integer) r[1]);
          ps.setString(3, (String) r[2]);
        });
    return Optional.of(
        values.isEmpty() ? after.orElse(new Flake64(0)) : values.get(values.size() - 1));
  }

  /**
   * The sequence's values for {@code fresh}, in order, passing over values the registry already
   * holds (looked up, and drawn again until none is taken).
   */
  private static List<Flake64> draw(Connection c, List<Pending> fresh, Optional<Flake64> after)
      throws SQLException {
    Set<Long> taken = new HashSet<>();
    while (true) {
      Flake64Sequence seq = after.map(Flake64Sequence::after).orElseGet(Flake64Sequence::new);
      List<Flake64> values = new ArrayList<>(fresh.size());
      for (Pending p : fresh) {
        Flake64 v = seq.next(p.createdMs());
        while (taken.contains(v.value())) {
          v = seq.next(p.createdMs());
        }
        values.add(v);
      }
      List<Long> found =
          Sql.queryIn(
              c,
              "SELECT internal_id FROM entity_id_mapping WHERE internal_id IN ",
              values.stream().map(Flake64::value).toList(),
              java.sql.PreparedStatement::setLong,
              "",
              rs -> rs.getLong(1));
      if (found.isEmpty() || taken.containsAll(found)) {
        return values;
      }
      taken.addAll(found);
    }
  }
}
