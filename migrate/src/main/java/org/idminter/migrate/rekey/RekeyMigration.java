package org.idminter.migrate.rekey;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.ProgressListener;
import org.idminter.migrate.engine.Lease;
import org.idminter.migrate.engine.RunIdentity;
import org.idminter.migrate.engine.StateTable;
import org.idminter.migrate.engine.TableShape;
import org.idminter.migrate.rekey.RekeyResults.Applied;
import org.idminter.migrate.rekey.RekeyResults.Counts;
import org.idminter.migrate.rekey.RekeyResults.Options;
import org.idminter.migrate.rekey.RekeyResults.Skipped;
import org.idminter.migrate.rekey.RekeyResults.Verified;
import org.idminter.migrate.rekey.RekeySpec.Column;
import org.idminter.store.jdbc.Database;
import org.idminter.store.sql.Sql;

/**
 * Moves tables keyed by external IDs onto 64-bit internal keys, as an expand/contract migration:
 * plan (read-only), apply (expand: register, add and fill the new column, switch the keys, keep the
 * old columns; resumable after a stop at any statement), verify, rollback (while finish has not
 * run: the tables exactly as before, registry rows kept), finish (contract: drop the old columns).
 * One rekey at a time per database: its state, staging and facts tables have fixed names.
 */
public final class RekeyMigration {
  static final StateTable STATE = new StateTable("idminter_rekey_state", List.of());
  static final String ROLLING_BACK = "ROLLING_BACK";
  static final String FINISHING = "FINISHING";

  private final Database db;
  private final RekeySpec spec;
  private final int chunk;
  private final Clock clock;
  private final RunIdentity run;
  private final Lease lease;
  private final RekeyDdl ddl;

  /**
   * @param random names this run (its id is in the lock and every report); a SecureRandom outside
   *     tests
   */
  public RekeyMigration(
      Database db,
      RekeySpec spec,
      Clock clock,
      Duration lockTtl,
      int chunk,
      RandomGenerator random) {
    this.db = db;
    this.spec = spec;
    this.chunk = chunk;
    this.clock = clock;
    this.run = RunIdentity.create(random);
    this.lease = new Lease(STATE, clock, lockTtl, run, db.dialect());
    this.ddl = new RekeyDdl(db.dialect());
  }

  public String runId() {
    return run.runId();
  }

  public RekeyPlan plan() {
    return new RekeyPlanner(db, chunk).plan(spec);
  }

  public Applied apply(Options options, ProgressListener progress) {
    return new RekeyApply(this, clock).apply(options, progress);
  }

  /** Every row of every table checked through entity_id_mapping, with the counts. */
  public Verified verify() {
    RekeyVerifier.Result r = new RekeyVerifier(db, spec, chunk).verify();
    return new Verified(r.verifiedPerTable(), r.failures(), r.problems(), counts(r.rowsPerTable()));
  }

  /** Restores every table exactly as it was before apply; refused once finish has begun. */
  public String rollback() {
    Lease.Row state =
        state()
            .orElseThrow(
                () ->
                    new IdMinterException(
                        ErrorCode.REFUSED,
                        "nothing to roll back: no rekey has been applied on this database"));
    if (state.phase().equals(FINISHING)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "`rekey finish` has begun dropping the old columns: rollback is no longer possible; run"
              + " `rekey finish --confirm` again to complete it");
    }
    take(ROLLING_BACK);
    Optional<RekeyFacts> facts = db.read("reading the rekey's facts", this::readFacts);
    if (facts.isPresent()) {
      facts.get().requireSpec(RekeyFacts.digest(spec));
      keys().undoAll(facts.get());
    }
    skipped().restoreAll();
    dropOwnTables();
    return "rolled back: every table is keyed by its external IDs as before apply; the entities"
        + " apply registered stay in entity_id_mapping (an ID once given is kept; a new apply"
        + " reuses them)";
  }

  /** Drops the old columns once verify passes; irreversible. */
  public String finish() {
    Lease.Row state =
        state()
            .orElseThrow(
                () ->
                    new IdMinterException(
                        ErrorCode.REFUSED, "nothing to finish: no rekey has been applied here"));
    if (!state.phase().equals(Lease.DONE) && !state.phase().equals(FINISHING)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "apply has not completed (it stopped in phase "
              + state.phase()
              + "): run `rekey apply` again first; nothing was changed");
    }
    if (state.phase().equals(Lease.DONE)) {
      requireSameSpec();
      Verified v = verify();
      if (!v.passed()) {
        throw new IdMinterException(
            ErrorCode.REFUSED,
            "verify fails ("
                + v.failures()
                + " row(s), first: "
                + v.problems().get(0)
                + "): finish drops the old columns only while every row resolves; nothing was"
                + " changed");
      }
      take(FINISHING);
    }
    keys().dropOldColumns();
    List<String> kept = new ArrayList<>(skipped().skippedNow().keySet());
    dropOwnTables();
    return "finished: the old columns are dropped; every table is keyed by "
        + spec.newColumn()
        + (kept.isEmpty()
            ? ""
            : "; the rows skipped from " + kept + " are kept in idminter_rekey_skipped_N tables");
  }

  // ------------------------------------------------------------ shared with the phases

  Database db() {
    return db;
  }

  RekeySpec spec() {
    return spec;
  }

  int chunk() {
    return chunk;
  }

  Lease lease() {
    return lease;
  }

  RekeyDdl ddl() {
    return ddl;
  }

  RekeySkipped skipped() {
    return new RekeySkipped(db, ddl, spec);
  }

  RekeyRegistration registration() {
    return new RekeyRegistration(db, spec, chunk);
  }

  RekeyFill fill() {
    return new RekeyFill(db, ddl, spec, chunk);
  }

  RekeyKeys keys() {
    return new RekeyKeys(db, ddl, spec);
  }

  Optional<Lease.Row> state() {
    return db.read(
        "reading the rekey state",
        c -> TableShape.stored(c, STATE.name()).isPresent() ? lease.read(c) : Optional.empty());
  }

  RekeyFacts facts() {
    return db.read("reading the rekey's facts", this::readFacts)
        .orElseThrow(() -> new IdMinterException("the rekey's facts are missing"));
  }

  void requireSameSpec() {
    db.read("reading the rekey's facts", this::readFacts)
        .ifPresent(f -> f.requireSpec(RekeyFacts.digest(spec)));
  }

  /** Rows per table before apply (from the facts), now, and skipped. */
  Counts counts() {
    Map<String, Long> now = new LinkedHashMap<>();
    for (Column t : spec.tables()) {
      now.put(
          t.table(),
          db.read(
              "counting " + t.table(),
              c -> Sql.queryLong(c, "SELECT COUNT(*) FROM " + t.table(), ps -> {})));
    }
    return counts(now);
  }

  /** As {@link #counts()}, with the rows per table now already counted. */
  private Counts counts(Map<String, Long> now) {
    Map<String, Long> before = new LinkedHashMap<>();
    db.read("reading the rekey's facts", this::readFacts)
        .ifPresent(f -> spec.tables().forEach(t -> before.put(t.table(), f.rowsBefore(t))));
    return new Counts(before, now, skipped().skippedNow());
  }

  /** Staged entities per outcome. */
  Map<String, Long> entitiesByOutcome() {
    return db.read(
        "counting the entities",
        c -> {
          Map<String, Long> out = new LinkedHashMap<>();
          if (TableShape.stored(c, RekeyDdl.ENTITIES).isEmpty()) {
            return out;
          }
          String[] names = {"pending", "registered", "kept", "refused"};
          Sql.query(
                  c,
                  "SELECT outcome, COUNT(*) FROM " + RekeyDdl.ENTITIES + " GROUP BY outcome",
                  ps -> {},
                  rs -> new long[] {rs.getLong(1), rs.getLong(2)})
              .forEach(r -> out.put(names[(int) r[0]], r[1]));
          return out;
        });
  }

  /** The skipped rows, grouped by external ID, up to {@link RekeyPlanner#LISTED} per table. */
  List<Skipped> skippedRows() {
    return db.read(
        "listing the skipped rows",
        c -> {
          List<Skipped> out = new ArrayList<>();
          List<Column> tables = spec.tables();
          for (int i = 0; i < tables.size(); i++) {
            String kept = RekeyDdl.skippedTable(i);
            if (TableShape.stored(c, kept).isEmpty()) {
              continue;
            }
            Column t = tables.get(i);
            out.addAll(
                Sql.query(
                    c,
                    "SELECT "
                        + t.column()
                        + ", COUNT(*) FROM "
                        + kept
                        + " GROUP BY "
                        + t.column()
                        + " ORDER BY "
                        + t.column()
                        + " LIMIT "
                        + RekeyPlanner.LISTED,
                    ps -> {},
                    rs -> new Skipped(t.table(), kept, rs.getString(1), rs.getLong(2))));
          }
          return out;
        });
  }

  private Optional<RekeyFacts> readFacts(java.sql.Connection c) throws java.sql.SQLException {
    return TableShape.stored(c, RekeyDdl.FACTS).isPresent() ? RekeyFacts.read(c) : Optional.empty();
  }

  /** Takes the lease (refused while another migrator holds it) and records {@code phase}. */
  private void take(String phase) {
    db.inTransaction(
        "taking the rekey lock",
        c -> {
          lease.acquire(c);
          lease.advance(c, phase, Optional.empty());
          return null;
        });
  }

  private void dropOwnTables() {
    for (String t : List.of(RekeyDdl.ENTITIES, RekeyDdl.FACTS, STATE.name())) {
      db.read("dropping " + t, c -> Sql.update(c, ddl.dropTable(t), ps -> {}));
    }
  }
}
