package org.idminter.migrate.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idminter.migrate.backfill.BackfillPlan.Refused;
import org.idminter.migrate.engine.Checksum;
import org.idminter.migrate.engine.Keyset;
import org.idminter.migrate.engine.TimeValue;
import org.idminter.store.jdbc.Database;

/**
 * The dry run: reads the table a page at a time by its key (memory stays flat), writing nothing,
 * and counts what apply would fill, keep and refuse.
 */
final class BackfillPlanner {
  /** Refused rows listed in a plan at most (all are counted). */
  static final int LISTED = 100;

  private final Database db;
  private final BackfillDdl ddl;
  private final int chunk;

  BackfillPlanner(Database db, BackfillDdl ddl, int chunk) {
    this.db = db;
    this.ddl = ddl;
    this.chunk = chunk;
  }

  BackfillPlan plan(BackfillSpec spec) {
    return db.read("planning the backfill of " + spec.table(), c -> plan(c, spec));
  }

  private BackfillPlan plan(Connection c, BackfillSpec spec) throws SQLException {
    BackfillTable table = BackfillTable.read(c, spec, ddl.sqlite());
    table
        .typeMismatch(spec.scheme())
        .ifPresent(
            why -> {
              throw new org.idminter.core.IdMinterException(
                  org.idminter.core.ErrorCode.REFUSED,
                  spec.table()
                      + "."
                      + spec.column()
                      + " exists, but "
                      + why
                      + "; nothing was changed");
            });
    String key = table.key();
    StringBuilder columns = new StringBuilder(key);
    int width = 1;
    int held = -1;
    int time = -1;
    if (table.hasColumn()) {
      columns.append(", ").append(spec.column());
      held = width++;
    }
    if (spec.timeColumn().isPresent()) {
      columns.append(", ").append(spec.timeColumn().get());
      time = width++;
    }
    Checksum sum = new Checksum();
    List<Refused> refused = new ArrayList<>();
    long[] counts = new long[4]; // rows, to fill, kept, refused
    Object after = null;
    while (true) {
      List<Object[]> page =
          Keyset.objectPage(c, columns.toString(), spec.table(), key, "", width, chunk, after);
      for (Object[] row : page) {
        counts[0]++;
        Object value = held < 0 ? null : row[held];
        String[] fields = new String[width];
        for (int i = 0; i < width; i++) {
          fields[i] = String.valueOf(row[i]);
        }
        sum.add(fields);
        Optional<String> why;
        if (value != null) {
          why = BackfillValues.invalid(spec.scheme(), value);
          if (why.isEmpty()) {
            counts[2]++;
          }
        } else {
          why = time < 0 ? Optional.empty() : unreadable(row[time]);
          if (why.isEmpty()) {
            counts[1]++;
          }
        }
        if (why.isPresent()) {
          counts[3]++;
          if (refused.size() < LISTED) {
            refused.add(new Refused(String.valueOf(row[0]), why.get()));
          }
        }
      }
      if (page.size() < chunk) {
        break;
      }
      after = page.get(page.size() - 1)[0];
    }
    if (table.hasColumn()) {
      counts[3] += repeated(c, spec, refused);
    }
    return new BackfillPlan(
        table.shape().name(),
        key,
        table.hasColumn(),
        table.uniqueOn(spec.column()),
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        refused,
        sum.fingerprint(),
        steps(spec, table));
  }

  private static Optional<String> unreadable(Object time) {
    try {
      TimeValue.millis(time);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("its time cannot be read: " + e.getMessage());
    }
  }

  /** Values held by more than one row: each such row is refused (the column must be unique). */
  private long repeated(Connection c, BackfillSpec spec, List<Refused> refused)
      throws SQLException {
    List<Object[]> groups = BackfillTable.repeated(c, spec);
    long rows = 0;
    for (Object[] g : groups) {
      rows += (Long) g[1];
      if (refused.size() < LISTED) {
        refused.add(
            new Refused(
                "(" + g[1] + " rows)",
                "the value " + g[0] + " is held by " + g[1] + " rows; each must be unique"));
      }
    }
    return rows;
  }

  private List<String> steps(BackfillSpec spec, BackfillTable table) {
    List<String> steps = new ArrayList<>();
    if (ddl.sqlite()) {
      steps.add("copy the SQLite file to a backup beside it (VACUUM INTO), named in the report");
    }
    steps.add(
        table.hasColumn()
            ? "keep the existing column " + spec.column() + " and every valid value in it"
            : "add the column "
                + spec.column()
                + " "
                + ddl.columnType(spec.scheme())
                + " NULL to "
                + spec.table());
    steps.add(
        table.uniqueOn(spec.column())
            ? "keep the unique index already on " + spec.column()
            : "add the unique index "
                + BackfillDdl.uniqueIndex(spec)
                + " (before filling, so the database checks every value as it is written)");
    steps.add(
        "stage every row's key in "
            + BackfillDdl.KEYS
            + " and read each time ("
            + spec.timeColumn().orElse("none: the run's start")
            + ")");
    steps.add(
        "fill them in order of time, then key, a chunk per transaction, with "
            + spec.scheme().word()
            + " values, each recorded in "
            + BackfillDdl.ORDER);
    steps.add("carry over rows inserted meanwhile, until none is left without a value");
    return steps;
  }
}
