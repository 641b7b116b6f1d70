package org.idminter.migrate.rekey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * The key changes: switching each table's primary key from the external ID to the new column (the
 * old key kept as a unique index), indexing the new column where it does not lead a key, and a
 * foreign key to entity_id_mapping; undoing all of it; and, at finish, dropping the old columns.
 * Each change is made only when the table's shape, read just before, shows it is not made yet, so a
 * run stopped between two statements resumes by looking.
 */
final class RekeyKeys {
  private final Database db;
  private final RekeyDdl ddl;
  private final RekeySpec spec;

  RekeyKeys(Database db, RekeyDdl ddl, RekeySpec spec) {
    this.db = db;
    this.ddl = ddl;
    this.spec = spec;
  }

  /** The primary key after the switch: the old key with the new column in the old one's place. */
  List<String> switchedKey(Column t, List<String> before) {
    List<String> key = new ArrayList<>();
    for (String k : before) {
      key.add(k.equalsIgnoreCase(t.column()) ? spec.newColumn() : k);
    }
    return key;
  }

  private static boolean keyed(Column t, List<String> before) {
    return before.stream().anyMatch(k -> k.equalsIgnoreCase(t.column()));
  }

  /**
   * Switches every table (the caller has checked every row holds its internal ID). Each table's
   * shape is read once; what to change follows from it (a rerun reads it again).
   */
  void switchAll(RekeyFacts facts) {
    String col = spec.newColumn();
    for (Column t : spec.tables()) {
      List<String> before = facts.keyBefore(t);
      TableShape shape = shape(t);
      List<String> steps = new ArrayList<>();
      if (shape.isNullable(col)) {
        steps.add(ddl.setNotNull(t.table(), col));
      }
      if (keyed(t, before)) {
        List<String> target = switchedKey(t, before);
        if (!same(shape.primaryKey(), target)) {
          if (!shape.hasIndex(RekeyDdl.oldKeyIndex(t.table()))) {
            steps.add(ddl.createIndex(RekeyDdl.oldKeyIndex(t.table()), t.table(), before, true));
          }
          steps.addAll(ddl.replacePrimaryKey(t.table(), shape, target));
        }
      } else if (!shape.hasIndex(RekeyDdl.newIndex(t.table()))) {
        steps.add(ddl.createIndex(RekeyDdl.newIndex(t.table()), t.table(), List.of(col), false));
      }
      boolean addsForeignKey = !shape.hasForeignKey(RekeyDdl.foreignKey(t.table()));
      if (addsForeignKey) {
        steps.add(ddl.addForeignKey(t.table(), col));
      }
      run(t, steps, addsForeignKey && ddl.addsForeignKeysUnchecked());
      if (ddl.addsForeignKeysUnchecked()) {
        // Checked on every run, not only the one that added the key: a run stopped between the
        // key's ALTER and this check resumes here.
        requireRegistered(t);
      }
    }
  }

  /**
   * Refuses when a row of {@code t} holds an internal ID entity_id_mapping does not have: a value
   * written into the new column while the switch ran, which the foreign key added unchecked let in.
   */
  private void requireRegistered(Column t) {
    List<String> strays =
        db.read(
            "checking every internal ID in " + t.table() + " is registered",
            c ->
                Sql.query(
                    c,
                    RekeyDdl.unregisteredIds(t.table(), spec.newColumn()),
                    ps -> {},
                    rs -> rs.getString(1)));
    if (!strays.isEmpty()) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          t.table()
              + "."
              + spec.newColumn()
              + " holds internal IDs that entity_id_mapping does not have ("
              + String.join(", ", strays)
              + "; written while apply switched the keys): set each row's "
              + spec.newColumn()
              + " to its entity's internal ID (idminter ids resolve), then run apply again, or roll"
              + " back");
    }
  }

  /** Undoes the switch and drops the new column, table by table (rollback). */
  void undoAll(RekeyFacts facts) {
    for (Column t : spec.tables()) {
      List<String> before = facts.keyBefore(t);
      TableShape shape = shape(t);
      List<String> steps = new ArrayList<>();
      if (shape.hasForeignKey(RekeyDdl.foreignKey(t.table()))) {
        steps.add(ddl.dropForeignKey(t.table()));
      }
      if (!before.isEmpty() && !same(shape.primaryKey(), before)) {
        steps.addAll(ddl.replacePrimaryKey(t.table(), shape, before));
      }
      for (String index : List.of(RekeyDdl.oldKeyIndex(t.table()), RekeyDdl.newIndex(t.table()))) {
        if (shape.hasIndex(index)) {
          steps.add(ddl.dropIndex(index, t.table()));
        }
      }
      if (shape.hasColumn(spec.newColumn())) {
        steps.add(ddl.dropColumn(t.table(), spec.newColumn()));
      }
      run(t, steps, false);
    }
  }

  /** Drops the old key index and the old column of every table (finish). */
  void dropOldColumns() {
    for (Column t : spec.tables()) {
      TableShape shape = shape(t);
      List<String> steps = new ArrayList<>();
      if (shape.hasIndex(RekeyDdl.oldKeyIndex(t.table()))) {
        steps.add(ddl.dropIndex(RekeyDdl.oldKeyIndex(t.table()), t.table()));
      }
      if (shape.hasColumn(t.column())) {
        steps.add(ddl.dropColumn(t.table(), t.column()));
      }
      run(t, steps, false);
    }
  }

  TableShape shape(Column t) {
    return db.read("reading the shape of " + t.table(), c -> TableShape.require(c, t.table()));
  }

  /**
   * A table's changes, combined as the database allows ({@link RekeyDdl#together}) and run in one
   * transaction (DDL commits by itself on MySQL and H2; on PostgreSQL they all take effect or
   * none).
   */
  /** Runs a table's changes; {@code unchecked}: with the session's foreign-key checks off. */
  private void run(Column t, List<String> steps, boolean unchecked) {
    if (steps.isEmpty()) {
      return;
    }
    List<String> statements = ddl.together(t.table(), steps);
    try {
      db.inTransaction(
          "changing " + t.table(),
          c -> {
            if (unchecked) {
              Sql.update(c, RekeyDdl.foreignKeyChecks(false), ps -> {});
            }
            try {
              for (String sql : statements) {
                Sql.update(c, sql, ps -> {});
              }
            } finally {
              if (unchecked) {
                // The connection goes back to the pool: it must not keep the checks off.
                Sql.update(c, RekeyDdl.foreignKeyChecks(true), ps -> {});
              }
            }
            return null;
          });
    } catch (IdMinterException e) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          e.getMessage()
              + "; the tables are as far as the last finished step: run the command again once the"
              + " cause is fixed, or roll back",
          e);
    }
  }

  private static boolean same(List<String> a, List<String> b) {
    return a.stream()
        .map(x -> x.toLowerCase(Locale.ROOT))
        .toList()
        .equals(b.stream().map(x -> x.toLowerCase(Locale.ROOT)).toList());
  }
}
