package org.idminter.migrate.backfill;

import java.util.List;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.migrate.engine.TableShape;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Undoes a backfill: checks first that nothing else depends on what apply added (another index or a
 * foreign key on the column, NOT NULL on it, values apply did not write), then drops the unique
 * index apply added, and the column if apply added it, else clears the values that are still
 * apply's. Each step looks before it acts, so an interrupted rollback completes when run again.
 */
final class BackfillRollback {
  private final Database db;
  private final BackfillDdl ddl;
  private final BackfillSpec spec;

  BackfillRollback(Database db, BackfillDdl ddl, BackfillSpec spec) {
    this.db = db;
    this.ddl = ddl;
    this.spec = spec;
  }

  /** Refuses, changing nothing, when something else depends on the column. */
  void check(BackfillFacts facts) {
    db.read(
        "checking what depends on " + spec.column(),
        c -> {
          BackfillTable table = BackfillTable.read(c, spec, ddl.sqlite());
          if (!table.hasColumn() || !facts.columnAdded()) {
            return null;
          }
          List<String> others = table.otherIndexesOn(spec.column(), BackfillDdl.uniqueIndex(spec));
          if (!others.isEmpty() || !table.referencedBy().isEmpty()) {
            throw refuse(
                "the index(es) "
                    + others
                    + " and foreign key(s) "
                    + table.referencedBy()
                    + " use "
                    + spec.column()
                    + "; drop them first");
          }
          if (!table.shape().isNullable(spec.column())) {
            throw refuse(
                spec.column()
                    + " has been made NOT NULL since apply: the application depends on it");
          }
          long foreign =
              Sql.queryLong(
                  c,
                  foreignValues(table.key(), TableShape.stored(c, BackfillDdl.ORDER).isPresent()),
                  ps -> {});
          if (foreign > 0) {
            throw refuse(
                foreign
                    + " row(s) hold a value in "
                    + spec.column()
                    + " that apply did not write (the application writes the column now);"
                    + " dropping it would lose them");
          }
          return null;
        });
  }

  /** Rows holding a value apply did not write (none is apply's before the order table exists). */
  private String foreignValues(String key, boolean ordered) {
    String count =
        "SELECT COUNT(*) FROM " + spec.table() + " t WHERE t." + spec.column() + " IS NOT NULL";
    if (!ordered) {
      return count;
    }
    return count
        + " AND NOT EXISTS (SELECT 1 FROM "
        + BackfillDdl.ORDER
        + " o WHERE o.k = t."
        + key
        + " AND o.v = t."
        + spec.column()
        + ")";
  }

  void undo(BackfillFacts facts) {
    db.read(
        "rolling back the backfill of " + spec.table(),
        c -> {
          BackfillTable table = BackfillTable.read(c, spec, ddl.sqlite());
          String index = BackfillDdl.uniqueIndex(spec);
          if (facts.indexAdded() && table.shape().hasIndex(index)) {
            Sql.update(c, ddl.dropIndex(index, spec.table()), ps -> {});
          }
          if (facts.columnAdded() && table.hasColumn()) {
            Sql.update(c, ddl.dropColumn(spec), ps -> {});
          } else if (!facts.columnAdded() && TableShape.stored(c, BackfillDdl.ORDER).isPresent()) {
            Sql.update(
                c,
                "UPDATE "
                    + spec.table()
                    + " SET "
                    + spec.column()
                    + " = NULL WHERE EXISTS (SELECT 1 FROM "
                    + BackfillDdl.ORDER
                    + " o WHERE o.k = "
                    + spec.table()
                    + "."
                    + table.key()
                    + " AND o.v = "
                    + spec.table()
                    + "."
                    + spec.column()
                    + ")",
                ps -> {});
          }
          return null;
        });
  }

  private IdMinterException refuse(String why) {
    return new IdMinterException(
        ErrorCode.REFUSED, "cannot roll back the backfill: " + why + "; nothing was changed");
  }
}
