package org.idminter.migrate.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.idminter.migrate.engine.BulkInsert;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Fills the column a chunk per transaction: the next staged rows in time order (round, time, key)
 * are numbered after the last row filled, each given the run's next value at its time (a value
 * another row already holds is passed over), recorded in the order table, and written in one
 * statement where the row still has none. The chunk commits with its numbers and values, so a run
 * stopped anywhere continues from the order table's last row with exactly the values an
 * uninterrupted run would write. Then rows inserted meanwhile are staged as a new round, timed and
 * filled, until a round finds none.
 */
final class BackfillFill {
  /** Rounds of carrying over rows inserted meanwhile before apply leaves the rest to verify. */
  private static final int ROUNDS = 10;

  /** The last row filled: its number, value, round, time and key. */
  private record Last(long ord, String value, int round, long ms, Object key) {}

  private final Database db;
  private final BackfillSpec spec;
  private final BackfillStaging staging;
  private final String key;
  private final int chunk;
  private final BulkInsert orders;

  BackfillFill(Database db, BackfillSpec spec, BackfillStaging staging, String key, int chunk) {
    this.db = db;
    this.spec = spec;
    this.staging = staging;
    this.key = key;
    this.chunk = chunk;
    this.orders = new BulkInsert(db.dialect(), BackfillDdl.ORDER, List.of("ord", "k", "ms", "v"));
  }

  /** Fills after the order table's last row, then carries over late rows; returns rows filled. */
  long fillAll(PhaseRun run, BackfillFacts facts) {
    Optional<Last> last = db.read("finding the last row filled", this::last);
    BackfillValues values =
        new BackfillValues(spec.scheme(), facts.secret(), last.map(Last::value));
    long total =
        db.read(
            "counting the rows to fill",
            c ->
                Sql.queryLong(
                    c,
                    "SELECT COUNT(*) FROM " + BackfillDdl.KEYS + " WHERE held = 0 AND ms >= 0",
                    ps -> {}));
    long filled = last.map(Last::ord).orElse(0L);
    int round = last.map(Last::round).orElse(0);
    for (int rounds = 0; rounds <= ROUNDS; rounds++) {
      while (true) {
        run.awaitCapacity();
        Optional<Last> from = last;
        int in = round;
        Optional<Last> next =
            db.inTransaction(
                "filling a chunk of " + spec.table() + "." + spec.column(),
                c -> fillChunk(c, run, in, from, values));
        if (next.isEmpty()) {
          break;
        }
        filled = next.get().ord();
        last = next;
        run.progress().progress(filled, total);
      }
      if (rounds == ROUNDS || staging.stageLate(round + 1) == 0 && !staged(round + 1)) {
        break;
      }
      round++;
      staging.time(facts.startedMs(), null);
      total = filled + count(round);
    }
    return filled;
  }

  /**
   * Numbers, draws and writes the next chunk of round {@code round} after {@code last}; returns the
   * new last row, or empty when the round has no row left.
   */
  private Optional<Last> fillChunk(
      Connection c, PhaseRun run, int round, Optional<Last> last, BackfillValues values)
      throws SQLException {
    boolean sameRound = last.isPresent() && last.get().round() == round;
    List<Object[]> page =
        Sql.query(
            c,
            "SELECT k, ms FROM "
                + BackfillDdl.KEYS
                + " WHERE rnd = ? AND held = 0 AND ms >= 0"
                + (sameRound ? " AND ms >= ? AND (ms > ? OR k > ?)" : "")
                + " ORDER BY rnd, ms, k LIMIT ?",
            ps -> {
              int i = 1;
              ps.setInt(i++, round);
              if (sameRound) {
                ps.setLong(i++, last.get().ms());
                ps.setLong(i++, last.get().ms());
                ps.setObject(i++, last.get().key());
              }
              ps.setInt(i, chunk);
            },
            rs -> new Object[] {rs.getObject(1), rs.getLong(2)});
    if (page.isEmpty()) {
      return Optional.empty();
    }
    for (String setting : db.dialect().forIndexedJoins()) {
      Sql.update(c, setting, ps -> {});
    }
    long base = last.map(Last::ord).orElse(0L);
    long end = base + page.size();
    List<Object> drawn = drawAndRecord(c, page, values, last.map(Last::value), base);
    // The "still none" test is a CASE so no planner takes the column's index for it: H2 scanned
    // every NULL of the unique index instead of probing the key, quadratic over the fill.
    Sql.update(
        c,
        db.dialect()
            .updateFrom(
                spec.table(),
                key,
                spec.column(),
                BackfillDdl.ORDER,
                "k",
                "v",
                "s.ord > ? AND s.ord <= ?",
                "CASE WHEN t." + spec.column() + " IS NULL THEN 1 END = 1"),
        ps -> {
          ps.setLong(1, base);
          ps.setLong(2, end);
        });
    Object[] tail = page.get(page.size() - 1);
    String value = BackfillValues.text(drawn.get(drawn.size() - 1));
    run.checkpoint(c, end + "|" + value);
    return Optional.of(new Last(end, value, round, (Long) tail[1], tail[0]));
  }

  /** The order table's last row with its staged round, if any row was filled. */
  private Optional<Last> last(Connection c) throws SQLException {
    return Sql.query(
            c,
            "SELECT o.ord, o.v, s.rnd, s.ms, s.k FROM "
                + BackfillDdl.ORDER
                + " o JOIN "
                + BackfillDdl.KEYS
                + " s ON s.k = o.k WHERE o.ord = (SELECT MAX(ord) FROM "
                + BackfillDdl.ORDER
                + ")",
            ps -> {},
            rs ->
                new Last(
                    rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getObject(5)))
        .stream()
        .findFirst();
  }

  private boolean staged(int round) {
    return count(round) > 0;
  }

  private long count(int round) {
    return db.read(
        "counting the rows of a round",
        c ->
            Sql.queryLong(
                c,
                "SELECT COUNT(*) FROM " + BackfillDdl.KEYS + " WHERE rnd = ? AND held = 0",
                ps -> ps.setInt(1, round)));
  }

  /**
   * Gives each row of the page the next value at its time and records the chunk in the order table
   * (numbers {@code base + 1} on); a value some row of the table already holds (found by joining
   * the chunk to the column's unique index) is passed over, and the chunk drawn and recorded again.
   * Every try starts the sequence after {@code committed}, the last value committed, so a chunk run
   * again (after a stop, or retried by the database) draws the same values.
   */
  private List<Object> drawAndRecord(
      Connection c,
      List<Object[]> page,
      BackfillValues values,
      Optional<String> committed,
      long base)
      throws SQLException {
    Set<String> taken = new HashSet<>();
    long end = base + page.size();
    while (true) {
      values.restartAfter(committed);
      List<Object> drawn = new ArrayList<>(page.size());
      List<Object[]> rows = new ArrayList<>(page.size());
      for (Object[] row : page) {
        long ms = ((Number) row[1]).longValue();
        Object v = values.next(ms);
        while (taken.contains(BackfillValues.text(v))) {
          v = values.next(ms);
        }
        drawn.add(v);
        rows.add(new Object[] {base + rows.size() + 1, row[0], ms, v});
      }
      orders.insert(c, rows);
      List<String> found =
          Sql.query(
              c,
              "SELECT s.v FROM "
                  + BackfillDdl.ORDER
                  + " s JOIN "
                  + spec.table()
                  + " t ON t."
                  + spec.column()
                  + " = s.v WHERE s.ord > ? AND s.ord <= ?",
              ps -> {
                ps.setLong(1, base);
                ps.setLong(2, end);
              },
              rs -> rs.getString(1));
      if (found.isEmpty()) {
        return drawn;
      }
      taken.addAll(found);
      Sql.update(
          c,
          "DELETE FROM " + BackfillDdl.ORDER + " WHERE ord > ? AND ord <= ?",
          ps -> {
            ps.setLong(1, base);
            ps.setLong(2, end);
          });
    }
  }
}
