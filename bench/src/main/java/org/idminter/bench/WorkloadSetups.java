package org.idminter.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.idminter.store.IdStore;
import org.idminter.store.testing.PythonSchema;
import org.idminter.store.testing.TestDatabase;
import org.idminter.store.testing.TestDatabases;

/**
 * The database each run of a workload starts from ({@link Workload.Setup}): the run's database made
 * anew, or a database of the same kind kept for the whole run and emptied with DELETE.
 */
final class WorkloadSetups {
  private WorkloadSetups() {}

  private static final Map<String, TestDatabase> KEPT = new HashMap<>();

  /** Whether {@code setup} can run on databases of {@code kind}. */
  static boolean supports(Workload.Setup setup, String kind) {
    return setup != Workload.Setup.DROPIN || kind.equals("MariaDB") || kind.equals("MySQL");
  }

  /** The database a run of a workload with {@code setup} uses, ready and empty. */
  static TestDatabase ready(TestDatabase db, Workload.Setup setup) {
    if (setup == Workload.Setup.FRESH) {
      db.reset();
      return db;
    }
    String key = db.kind() + "/" + setup;
    TestDatabase kept = KEPT.get(key);
    if (kept == null) {
      kept = sibling(db.kind(), "bench_" + setup.name().toLowerCase());
      if (setup == Workload.Setup.DROPIN) {
        PythonSchema.create(kept); // the original's own tables, latin1
      } else {
        kept.reset();
      }
      // Migrated (a drop-in database baselined first), as `schema migrate` does.
      try (IdStore store = IdStore.builder(kept.config(), new Random(1)).open()) {
        store.schemaState();
      }
      KEPT.put(key, kept);
    }
    kept.execute(
        "DELETE FROM identifier_inheritance",
        "DELETE FROM identifiers",
        "DELETE FROM canonical_ids");
    return kept;
  }

  private static TestDatabase sibling(String kind, String suffix) {
    return switch (kind) {
      case "H2" -> TestDatabases.h2File();
      case "MariaDB" -> TestDatabases.mariaDb(suffix);
      case "PostgreSQL" -> TestDatabases.postgres(suffix);
      case "MySQL" -> TestDatabases.mySql(suffix);
      default -> throw new IllegalArgumentException("no workloads on " + kind);
    };
  }
}
