package org.idminter.store.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.idminter.core.ErrorCode;
import org.idminter.core.Secrets;
import org.idminter.core.Sleeper;
import org.idminter.core.StoreException;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.jdbc.Database;
import org.idminter.store.schema.SchemaState.Shape;

/**
 * Versioned schema changes through Flyway. Detects tables created by the Python id_minter and
 * baselines them (they are never recreated or altered); refuses legacy 1:1 databases; migrates only
 * when asked ({@code schema migrate}, {@code --apply-migrations}) or on the embedded default.
 */
public final class SchemaManager {
  public static final String HISTORY_TABLE = "flyway_schema_history";

  /**
   * The latest migration's version, the same in every database's folder ({@code SchemaVersionsTest}
   * checks it against what Flyway finds): a schema already there is recognised from the history
   * table alone, without loading Flyway (a third of a short command's start-up).
   */
  static final String LATEST_VERSION = "6";

  /** How long a command waits for another idminter's first migration to finish. */
  static final Duration MIGRATION_WAIT = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofMillis(250);

  private final Database db;
  private final Dialect dialect;
  private final Sleeper sleeper;

  public SchemaManager(Database db, Sleeper sleeper) {
    this.db = db;
    this.dialect = db.dialect();
    this.sleeper = sleeper;
  }

  /**
   * Inspects the database without changing it. A schema history without the tables it records is
   * what another idminter's first migration looks like while it runs: inspect waits for that
   * migration to finish (up to {@link #MIGRATION_WAIT}) rather than judge a half-made schema.
   */
  public SchemaState inspect() {
    return inspect(false);
  }

  private SchemaState inspect(boolean migrating) {
    try {
      return state(shape(migrating));
    } catch (FlywayException e) {
      throw new StoreException(
          "cannot read the schema history on "
              + dialect.name()
              + ": "
              + Secrets.redact(e.getMessage()),
          e);
    }
  }

  private SchemaState state(Shape shape) {
    if (shape == Shape.VERSIONED && historyIsAtLatest()) {
      return new SchemaState(shape, LATEST_VERSION, LATEST_VERSION);
    }
    var info = flyway("1").info();
    MigrationInfo[] all = info.all();
    String latest = all.length == 0 ? "none" : all[all.length - 1].getVersion().getVersion();
    String current = "none";
    if (shape == Shape.VERSIONED) {
      MigrationInfo applied = info.current();
      current =
          applied == null || applied.getVersion() == null
              ? "none"
              : applied.getVersion().getVersion();
    } else if (shape == Shape.UNVERSIONED) {
      current = "unversioned";
    }
    return new SchemaState(shape, current, latest);
  }

  /** Brings the schema to the latest version; returns the state afterwards and what was applied. */
  public MigrationOutcome migrate() {
    return db.session(
        "taking the schema migration lock on " + dialect.name(),
        lock -> {
          if (!dialect.lockMigrations(lock, MIGRATION_WAIT)) {
            throw new StoreException(
                ErrorCode.LOCKED,
                "another idminter has been migrating this database for more than "
                    + MIGRATION_WAIT.toSeconds()
                    + " s: wait for it to finish, then run the command again");
          }
          try {
            return migrateLocked();
          } finally {
            dialect.unlockMigrations(lock);
          }
        });
  }

  private MigrationOutcome migrateLocked() {
    SchemaState before = inspect(true);
    if (before.shape() == Shape.LEGACY) {
      throw new StoreException(ErrorCode.SCHEMA_NOT_READY, legacyMessage());
    }
    // Existing id_minter tables are version 1: baseline there so V1 never recreates them. On a
    // schema holding only unrelated tables, baseline at 0 so V1 creates ours.
    String baseline = before.shape() == Shape.UNVERSIONED ? "1" : "0";
    try {
      MigrateResult result = flyway(baseline).migrate();
      return new MigrationOutcome(
          before, inspect(), result.migrationsExecuted, before.shape() == Shape.UNVERSIONED);
    } catch (FlywayException e) {
      throw new StoreException(
          "schema migration failed on " + dialect.name() + ": " + Secrets.redact(e.getMessage()),
          e);
    }
  }

  /** The result of {@link #migrate()}. */
  public record MigrationOutcome(
      SchemaState before, SchemaState after, int applied, boolean baselined) {}

  /** Fails with what to do unless the schema is at the latest version. */
  public static void requireCurrent(SchemaState state) {
    if (state.shape() == Shape.LEGACY) {
      throw new StoreException(ErrorCode.SCHEMA_NOT_READY, legacyMessage());
    }
    if (!state.isCurrent()) {
      String found =
          switch (state.shape()) {
            case EMPTY -> "the database has no identifiers tables yet";
            case UNVERSIONED ->
                "the database has id_minter's tables but no idminter schema history";
            default ->
                "the schema is at version "
                    + state.currentVersion()
                    + ", this idminter needs version "
                    + state.latestVersion();
          };
      throw new StoreException(
          ErrorCode.SCHEMA_NOT_READY,
          found
              + ": run `idminter schema migrate`, or pass --apply-migrations"
              + " (APPLY_MIGRATIONS=true); existing tables and rows are kept as they are");
    }
  }

  /** Fails unless canonical_ids and identifiers exist (read-only commands need no more). */
  public static void requireCoreTables(SchemaState state) {
    if (!state.hasCoreTables()) {
      requireCurrent(state);
    }
  }

  private static String legacyMessage() {
    return "the database holds a legacy 1:1 identifiers table (no canonical_ids table): it must be"
        + " moved to the RFC 083 schema before idminter can mint on it; nothing was changed";
  }

  private Flyway flyway(String baselineVersion) {
    Map<String, String> placeholders =
        db.read(
            "reading the database's version", c -> dialect.migrationPlaceholders(c.getMetaData()));
    return Flyway.configure(SchemaManager.class.getClassLoader())
        .dataSource(db.dataSource()) // Flyway opens its own connections, from the same pool
        .locations("classpath:db/migration/" + dialect.migrationFolder())
        .placeholders(placeholders)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion(baselineVersion)
        .baselineDescription("existing identifiers tables")
        .cleanDisabled(true)
        .load();
  }

  /**
   * The shape, waiting out another idminter's first migration. History without tables is certain to
   * be tables dropped by hand only once the history records a finished migration that created them
   * (version 1 or later); before that a migration is running (or died before finishing V1), and a
   * migrating caller hands over to Flyway, whose own lock makes it wait for the other migrator.
   */
  private Shape shape(boolean migrating) {
    for (long waited = 0; ; waited += POLL.toMillis()) {
      Set<String> tables = tables();
      if (!historyWithoutTables(tables)) {
        return shapeOf(tables);
      }
      // Tables read before the history: a migration finishing in between is seen as finished.
      if (recordsFinishedMigration() && historyWithoutTables(tables())) {
        throw new StoreException(
            ErrorCode.SCHEMA_NOT_READY,
            "the database has idminter's schema history ("
                + HISTORY_TABLE
                + ") recording finished migrations, but not the tables canonical_ids and"
                + " identifiers: they were dropped or renamed by hand. Restore them from a backup;"
                + " idminter changes nothing until they are back");
      }
      if (migrating) {
        return Shape.EMPTY; // Flyway waits for the other migrator, then finds nothing to do
      }
      if (waited >= MIGRATION_WAIT.toMillis()) {
        throw new StoreException(
            ErrorCode.SCHEMA_NOT_READY,
            "the database has idminter's schema history ("
                + HISTORY_TABLE
                + ") but no finished migration and no tables, and no migration finished within "
                + MIGRATION_WAIT.toSeconds()
                + " s: if no other idminter is migrating this database, run `idminter schema"
                + " migrate` to finish it");
      }
      try {
        sleeper.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for a schema migration to finish", e);
      }
    }
  }

  private static boolean historyWithoutTables(Set<String> tables) {
    return tables.contains(HISTORY_TABLE)
        && !(tables.contains("canonical_ids") && tables.contains("identifiers"));
  }

  /**
   * Whether every migration the history records succeeded and the highest is {@link
   * #LATEST_VERSION}: read with one query. Anything else (pending, failed, a baseline, a newer
   * version) is left to Flyway.
   */
  private boolean historyIsAtLatest() {
    // Flyway quotes the history's lower-case names; H2 folds unquoted names to upper case.
    String q = dialect.name().equals("H2") ? "\"" : "";
    String query =
        "SELECT " + q + "version" + q + ", " + q + "success" + q + " FROM " + q + HISTORY_TABLE + q;
    // On a connection of the pool's own, as Flyway reads the history: not a unit of idminter's
    // work, so not through the connection decorator that tests count and stop statements with.
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int highest = -1;
      while (rs.next()) {
        if (!rs.getBoolean(2)) {
          return false;
        }
        String v = rs.getString(1);
        if (v != null && v.matches("\\d+")) {
          highest = Math.max(highest, Integer.parseInt(v));
        }
      }
      return String.valueOf(highest).equals(LATEST_VERSION);
    } catch (SQLException e) {
      throw new StoreException("reading the schema history failed: " + db.describe(e), e);
    }
  }

  /** The history records a finished migration at version 1 or later (a baseline at 0 does not). */
  private boolean recordsFinishedMigration() {
    for (MigrationInfo m : flyway("0").info().applied()) {
      if (m.getVersion() != null
          && m.getVersion().compareTo(MigrationVersion.fromVersion("1")) >= 0
          && m.getState().isApplied()
          && !m.getState().isFailed()) {
        return true;
      }
    }
    return false;
  }

  private static Shape shapeOf(Set<String> tables) {
    if (tables.contains(HISTORY_TABLE)
        && tables.contains("canonical_ids")
        && tables.contains("identifiers")) {
      return Shape.VERSIONED;
    }
    if (tables.contains("canonical_ids") && tables.contains("identifiers")) {
      return Shape.UNVERSIONED;
    }
    if (tables.contains("identifiers")) {
      return Shape.LEGACY;
    }
    return Shape.EMPTY;
  }

  private Set<String> tables() {
    return db.read(
        "listing the database's tables",
        c -> {
          DatabaseMetaData md = c.getMetaData();
          Set<String> names = new HashSet<>();
          try (ResultSet rs =
              md.getTables(
                  c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
              names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
          }
          return names;
        });
  }
}
