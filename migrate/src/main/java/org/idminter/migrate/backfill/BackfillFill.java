package org.idminter.migrate.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.idminter.migrate.engine.Keyset;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Fills the column in the order table's order, a chunk per transaction: each row gets the run's
 * next value at its time (a value another row already holds is passed over), written only where the
 * row still has none, in the transaction that commits the cursor (the last number and value), so a
 * run stopped anywhere continues with exactly the values an uninterrupted run would write. Then
 * rows inserted meanwhile are staged, timed, numbered and filled, until a round finds none.
 */
final class BackfillFill {
  /** Rounds of carrying over rows inserted meanwhile before apply leaves the rest to verify. */
  private static final int ROUNDS = 10;

  private final Database db;
  private final BackfillSpec spec;
  private final BackfillStaging staging;
  private final String key;
  private final int chunk;

  BackfillFill(Database db, BackfillSpec spec, BackfillStaging staging, String key, int chunk) {
    this.db = db;
    this.spec = spec;
    this.staging = staging;
    this.key = key;
    this.chunk = chunk;
  }

  /** Fills from the phase's cursor on, then carries over late rows; returns the rows filled. */
  long fillAll(PhaseRun run, BackfillFacts facts) {
    Optional<String> cursor = run.resumeCursor().filter(s -> !s.isEmpty());
    long lastOrd = cursor.map(s -> Long.parseLong(s.substring(0, s.indexOf('|')))).orElse(0L);
    BackfillValues values =
        new BackfillValues(
            spec.scheme(), facts.secret(), cursor.map(s -> s.substring(s.indexOf('|') + 1)));
    db.refreshStatistics(List.of(BackfillDdl.ORDER));
    long from0 = lastOrd;
    long total =
        db.read(
            "counting the rows to fill",
            c ->
                Sql.queryLong(
                    c,
                    "SELECT COUNT(*) FROM " + BackfillDdl.ORDER + " WHERE ord > ?",
                    ps -> ps.setLong(1, from0)));
    long filled = 0;
    for (int round = 0; round <= ROUNDS; round++) {
      while (true) {
        run.awaitCapacity();
        long from = lastOrd;
        long[] last = {from};
        int n =
            db.inTransaction(
                "filling a chunk of " + spec.table() + "." + spec.column(),
                c -> {
                  List<Object[]> page =
                      Keyset.objectPage(
                          c, "ord, k, ms", BackfillDdl.ORDER, "ord", "", 3, chunk, from);
                  if (page.isEmpty()) {
                    return 0;
                  }
                  Object value = fillPage(c, page, values);
                  last[0] = ((Number) page.get(page.size() - 1)[0]).longValue();
                  run.checkpoint(c, last[0] + "|" + BackfillValues.text(value));
                  return page.size();
                });
        lastOrd = last[0];
        filled += n;
        run.progress().progress(filled, total);
        if (n < chunk) {
          break;
        }
      }
      if (round == ROUNDS || staging.stageLate() == 0) {
        break;
      }
      staging.time(facts.startedMs(), null);
      staging.order(null);
    }
    return filled;
  }

  /**
   * Writes one page's values where the row still has none; returns the last value issued. (The
   * "still none" test is a CASE so no planner takes the column's index for it: H2 scanned every
   * NULL of the unique index instead of probing the key, quadratic over the fill.)
   */
  private Object fillPage(Connection c, List<Object[]> page, BackfillValues values)
      throws SQLException {
    List<Object> drawn = draw(c, page, values);
    List<Object[]> updates = new ArrayList<>(page.size());
    List<Object[]> written = new ArrayList<>(page.size());
    for (int i = 0; i < page.size(); i++) {
      updates.add(new Object[] {drawn.get(i), page.get(i)[1]});
      written.add(new Object[] {drawn.get(i), page.get(i)[0]});
    }
    Sql.batch(
        c,
        "UPDATE "
            + spec.table()
            + " SET "
            + spec.column()
            + " = ? WHERE "
            + key
            + " = ? AND CASE WHEN "
            + spec.column()
            + " IS NULL THEN 1 END = 1",
        updates,
        (ps, r) -> {
          ps.setObject(1, r[0]);
          ps.setObject(2, r[1]);
        },
        db.dialect()::prepareForBatch);
    Sql.batch(
        c,
        "UPDATE " + BackfillDdl.ORDER + " SET v = ? WHERE ord = ?",
        written,
        (ps, r) -> {
          ps.setObject(1, r[0]);
          ps.setObject(2, r[1]);
        },
        db.dialect()::prepareForBatch);
    return drawn.get(drawn.size() - 1);
  }

  /**
   * The next value for each row, passing over values the column already holds (looked up through
   * its unique index, and drawn again until none is taken). The sequence is only advanced here, so
   * a page run again after a stop draws the same values.
   */
  private List<Object> draw(Connection c, List<Object[]> page, BackfillValues values)
      throws SQLException {
    Set<String> taken = new HashSet<>();
    while (true) {
      BackfillValues.Mark mark = values.mark();
      List<Object> out = new ArrayList<>(page.size());
      for (Object[] row : page) {
        long ms = ((Number) row[2]).longValue();
        Object v = values.next(ms);
        while (taken.contains(BackfillValues.text(v))) {
          v = values.next(ms);
        }
        out.add(v);
      }
      List<String> found =
          Sql.queryIn(
              c,
              "SELECT "
                  + spec.column()
                  + " FROM "
                  + spec.table()
                  + " WHERE "
                  + spec.column()
                  + " IN ",
              out,
              java.sql.PreparedStatement::setObject,
              "",
              rs -> values.normalise(rs.getString(1)));
      if (found.isEmpty() || taken.containsAll(found)) {
        return out;
      }
      taken.addAll(found);
      values.reset(mark);
    }
  }
}
