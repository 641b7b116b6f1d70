package org.idminter.migrate.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.BulkInsert;
import org.idminter.migrate.engine.Keyset;
import org.idminter.migrate.engine.PhaseRun;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.engine.TimeValue;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * The rows a backfill fills, staged before it writes a value: every row's key with whether it held
 * a value already and its time, read from the table a page per transaction; times that could not be
 * read, read again or refused; and an index that gives the rows to fill in time order. Every step
 * is idempotent, so it may stop anywhere and run again; rows inserted after the first staging are
 * staged in later rounds and timed the same way.
 */
final class BackfillStaging {
  /** The staged time of a row whose time cannot be read (set back to NULL when refused). */
  private static final long UNREADABLE = -1;

  /** The staged time of a row deleted from the table since it was staged (never filled). */
  private static final long GONE = -2;

  private final Database db;
  private final BackfillDdl ddl;
  private final BackfillSpec spec;
  private final String key;
  private final int chunk;

  BackfillStaging(Database db, BackfillDdl ddl, BackfillSpec spec, String key, int chunk) {
    this.db = db;
    this.ddl = ddl;
    this.spec = spec;
    this.key = key;
    this.chunk = chunk;
  }

  /** Creates the staging and order tables with their indexes, unless they exist. */
  void createTables() {
    db.read(
        "creating the backfill's staging tables",
        c -> {
          Sql.update(c, ddl.createKeys(spec.table(), key), ps -> {});
          index(c, BackfillDdl.KEYS, "ibf_keys_k", "k", true);
          Sql.update(c, ddl.createOrder(spec.scheme()), ps -> {});
          if (!ddl.orderClustered()) {
            index(c, BackfillDdl.ORDER, "ibf_order_ord", "ord", true);
          }
          index(c, BackfillDdl.ORDER, "ibf_order_k", "k", true);
          return null;
        });
  }

  private void index(Connection c, String table, String name, String columns, boolean unique)
      throws SQLException {
    if (!TableShape.require(c, table).hasIndex(name)) {
      Sql.update(c, ddl.createIndex(name, table, columns, unique), ps -> {});
    }
  }

  /**
   * Every row's key, whether it holds a value, and its time (or the run's start without a time
   * column), read a page at a time in key order and inserted a page per transaction, continuing
   * after the greatest key staged; a time that cannot be read is left NULL for {@link #time}.
   */
  void stageAll(PhaseRun run, long startedMs) {
    Optional<String> timeColumn = spec.timeColumn();
    String columns =
        key
            + ", CASE WHEN "
            + spec.column()
            + " IS NULL THEN 0 ELSE 1 END"
            + timeColumn.map(t -> ", " + t).orElse("");
    int width = timeColumn.isPresent() ? 3 : 2;
    Object after =
        db.read(
            "finding the last row staged",
            c ->
                Sql.query(
                        c,
                        "SELECT k FROM " + BackfillDdl.KEYS + " ORDER BY k DESC LIMIT 1",
                        ps -> {},
                        rs -> rs.getObject(1))
                    .stream()
                    .findFirst()
                    .orElse(null));
    BulkInsert keys =
        new BulkInsert(db.dialect(), BackfillDdl.KEYS, List.of("k", "ms", "held", "rnd"));
    long staged = 0;
    while (true) {
      run.awaitCapacity();
      Object from = after;
      List<Object[]> page =
          db.inTransaction(
              "staging a page of " + spec.table() + "'s rows",
              c -> {
                List<Object[]> rows =
                    Keyset.objectPage(c, columns, spec.table(), key, "", width, chunk, from);
                List<Object[]> staging = new ArrayList<>(rows.size());
                for (Object[] row : rows) {
                  boolean held = ((Number) row[1]).intValue() == 1;
                  Long ms =
                      held
                          ? Long.valueOf(0)
                          : width == 3 ? readable(row[2]) : Long.valueOf(startedMs);
                  staging.add(new Object[] {row[0], ms, held ? 1 : 0, 0});
                }
                keys.insert(c, staging);
                if (rows.size() < chunk) {
                  run.complete(c);
                } else {
                  run.checkpoint(c, "");
                }
                return rows;
              });
      staged += page.size();
      run.progress().progress(staged, -1);
      if (page.size() < chunk) {
        return;
      }
      after = page.get(page.size() - 1)[0];
    }
  }

  /** The time's epoch milliseconds, or null when it cannot be read ({@link #time} says why). */
  private static Long readable(Object time) {
    try {
      return TimeValue.millis(time);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Rows inserted since they were staged, still without a value, as round {@code round}. */
  int stageLate(int round) {
    return db.inTransaction(
        "staging rows inserted during the backfill",
        c ->
            Sql.update(
                c,
                "INSERT INTO "
                    + BackfillDdl.KEYS
                    + " (k, held, rnd) SELECT t."
                    + key
                    + ", 0, ? FROM "
                    + spec.table()
                    + " t WHERE t."
                    + spec.column()
                    + " IS NULL AND NOT EXISTS (SELECT 1 FROM "
                    + BackfillDdl.KEYS
                    + " s WHERE s.k = t."
                    + key
                    + ")",
                ps -> ps.setInt(1, round)));
  }

  /**
   * Each staged row's time, read from the table (or the run's start without a time column); a row
   * whose time cannot be read stops the run, naming it, and is read again by the next run.
   */
  void time(long startedMs, PhaseRun run) {
    if (spec.timeColumn().isEmpty()) {
      db.inTransaction(
          "setting the rows' time to the run's start",
          c ->
              Sql.update(
                  c,
                  "UPDATE " + BackfillDdl.KEYS + " SET ms = ? WHERE ms IS NULL",
                  ps -> ps.setLong(1, startedMs)));
      return;
    }
    // The staging table was filled in one statement: without statistics PostgreSQL read all of
    // it and sorted for every page (1,000,000 rows: 61 s).
    db.refreshStatistics(List.of(BackfillDdl.KEYS));
    String[] firstRefusal = {null};
    long timed = 0;
    Object after = null;
    while (true) {
      if (run != null) {
        run.awaitCapacity();
      }
      Object from = after;
      List<Object[]> page =
          db.inTransaction(
              "reading a page of the rows' times", c -> timePage(c, from, firstRefusal));
      timed += page.size();
      if (run != null) {
        run.progress().progress(timed, -1);
      }
      if (page.size() < chunk) {
        break;
      }
      after = page.get(page.size() - 1)[0];
    }
    long refused =
        db.inTransaction(
            "counting the rows whose time cannot be read",
            c ->
                Sql.update(
                    c,
                    "UPDATE " + BackfillDdl.KEYS + " SET ms = NULL WHERE ms = ?",
                    ps -> ps.setLong(1, UNREADABLE)));
    if (refused > 0) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          refused
              + " row(s) of "
              + spec.table()
              + " have a "
              + spec.timeColumn().get()
              + " that cannot be read (first: "
              + firstRefusal[0]
              + "); they were written after the plan; fix them and run apply again (it resumes"
              + " here)");
    }
  }

  /**
   * The times of the next page of staged rows without one, after key {@code after} (paged by the
   * staging table's key, so rows already timed are never read again); returns the page's rows.
   */
  private List<Object[]> timePage(Connection c, Object after, String[] firstRefusal)
      throws SQLException {
    List<Object[]> page =
        Sql.query(
            c,
            "SELECT s.k, t."
                + spec.timeColumn().get()
                + ", t."
                + key
                + " FROM "
                + BackfillDdl.KEYS
                + " s LEFT JOIN "
                + spec.table()
                + " t ON t."
                + key
                + " = s.k WHERE "
                + (after == null ? "" : "s.k > ? AND ")
                + "s.ms IS NULL ORDER BY s.k LIMIT ?",
            ps -> {
              int i = 1;
              if (after != null) {
                ps.setObject(i++, after);
              }
              ps.setInt(i, chunk);
            },
            rs -> new Object[] {rs.getObject(1), rs.getObject(2), rs.getObject(3)});
    List<Object[]> times = new ArrayList<>(page.size());
    for (Object[] row : page) {
      long ms;
      if (row[2] == null) {
        ms = GONE;
      } else {
        try {
          ms = TimeValue.millis(row[1]);
        } catch (IllegalArgumentException e) {
          ms = UNREADABLE;
          if (firstRefusal[0] == null) {
            firstRefusal[0] = "key " + row[0] + ": " + e.getMessage();
          }
        }
      }
      times.add(new Object[] {ms, row[0]});
    }
    Sql.batch(
        c,
        "UPDATE " + BackfillDdl.KEYS + " SET ms = ? WHERE k = ?",
        times,
        (ps, r) -> {
          ps.setLong(1, (Long) r[0]);
          ps.setObject(2, r[1]);
        },
        db.dialect()::prepareForBatch);
    return page;
  }

  /** The index the fill reads the staged rows by (round, time, key), unless present. */
  void indexByTime() {
    db.read(
        "indexing the rows to fill by time",
        c -> {
          index(c, BackfillDdl.KEYS, "ibf_keys_order", "rnd, ms, k", false);
          return null;
        });
    db.refreshStatistics(List.of(BackfillDdl.KEYS));
  }
}
