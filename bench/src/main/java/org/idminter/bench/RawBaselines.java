package org.idminter.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.core.id.CanonicalIdGenerator;
import org.idminter.store.IdStore;
import org.idminter.store.testing.TestDatabase;

/** The workloads' raw baselines: the database's own limit, timed in the same rounds. */
final class RawBaselines {
  private RawBaselines() {}

  /**
   * The same rows as all-new, by the simplest multi-row INSERT, and fetched by batched PK SELECTs,
   * on fresh state: returns the nanoseconds of the INSERTs (with their commit) and of the SELECTs.
   */
  static long[] insertAndSelect(TestDatabase db, List<SourceIdentifier> keys) throws Exception {
    db.reset();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE identifiers (OntologyType varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL,"
              + " SourceId varchar(255) NOT NULL, CanonicalId varchar(8) NOT NULL, PRIMARY KEY (OntologyType, SourceSystem, SourceId))");
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      for (int from = 0; from < keys.size(); from += 1000) {
        int first = from;
        RawJdbc.insert(
            c,
            keys.subList(from, Math.min(keys.size(), from + 1000)),
            k -> String.format("a%07d", first + k));
      }
      c.commit();
      long inserted = System.nanoTime() - t0;
      c.setAutoCommit(true);
      long t1 = System.nanoTime();
      for (int from = 0; from < keys.size(); from += 1000) {
        RawJdbc.select(c, keys.subList(from, Math.min(keys.size(), from + 1000)));
      }
      return new long[] {inserted, System.nanoTime() - t1};
    }
  }

  /**
   * The cheapest SQL writing the end state all-new leaves, on fresh state and idminter's own schema
   * (its indexes, foreign key and defaults): per 1,000 keys one multi-row INSERT of the IDs as
   * assigned and one of the mappings, committed once. Returns the nanoseconds.
   */
  static long endState(TestDatabase db, List<SourceIdentifier> keys) throws Exception {
    db.reset();
    try (IdStore store = IdStore.builder(db.config(), new Random(1)).open()) {
      store.schemaState(); // opened (and migrated) only for its schema
    }
    List<String> ids =
        new CanonicalIdGenerator(new Random(7))
            .next(keys.size() * 2).stream()
                .map(CanonicalId::value)
                .distinct()
                .limit(keys.size())
                .toList();
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      for (int from = 0; from < keys.size(); from += 1000) {
        int first = from;
        int to = Math.min(keys.size(), from + 1000);
        RawJdbc.insertAssignedIds(c, ids.subList(from, to));
        RawJdbc.insert(c, keys.subList(from, to), k -> ids.get(first + k));
      }
      c.commit();
      return System.nanoTime() - t0;
    }
  }
}
