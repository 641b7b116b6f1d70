package org.idminter.store.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.idminter.core.StoreException;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.jdbc.Redactor;
import org.idminter.store.schema.SchemaState.Shape;

/**
 * Versioned schema changes through Flyway. Detects tables created by the Python id_minter and
 * baselines them (they are never recreated or altered); refuses legacy 1:1 databases; migrates only
 * when asked ({@code schema migrate}, {@code --apply-migrations}) or on the embedded default.
 */
public final class SchemaManager {
  public static final String HISTORY_TABLE = "flyway_schema_history";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String password;

  public SchemaManager(DataSource dataSource, Dialect dialect, String password) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.password = password;
  }

  /** Inspects the database without changing it. */
  public SchemaState inspect() {
    Shape shape = shapeOf(tables());
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
    SchemaState before = inspect();
    if (before.shape() == Shape.LEGACY) {
      throw new StoreException(legacyMessage());
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
          "schema migration failed on "
              + dialect.name()
              + ": "
              + Redactor.redact(e.getMessage(), password),
          e);
    }
  }

  /** The result of {@link #migrate()}. */
  public record MigrationOutcome(
      SchemaState before, SchemaState after, int applied, boolean baselined) {}

  /** Fails with what to do unless the schema is at the latest version. */
  public static void requireCurrent(SchemaState state) {
    if (state.shape() == Shape.LEGACY) {
      throw new StoreException(legacyMessage());
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
    Map<String, String> placeholders;
    try (Connection c = dataSource.getConnection()) {
      placeholders = dialect.migrationPlaceholders(c.getMetaData());
    } catch (SQLException e) {
      throw new StoreException(
          "cannot read the database's version: " + Redactor.redact(e.getMessage(), password), e);
    }
    return Flyway.configure(SchemaManager.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration/" + dialect.migrationFolder())
        .placeholders(placeholders)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion(baselineVersion)
        .baselineDescription("existing identifiers tables")
        .cleanDisabled(true)
        .load();
  }

  private static Shape shapeOf(Set<String> tables) {
    if (tables.contains(HISTORY_TABLE)
        && tables.contains("canonical_ids")
        && tables.contains("identifiers")) {
      return Shape.VERSIONED;
    }
    if (tables.contains(HISTORY_TABLE)) {
      throw new StoreException(
          "the database has idminter's schema history ("
              + HISTORY_TABLE
              + ") but not its"
              + " tables canonical_ids and identifiers: they were dropped or renamed by hand; restore them from a"
              + " backup, or drop "
              + HISTORY_TABLE
              + " to start an empty database afresh");
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
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      Set<String> names = new HashSet<>();
      try (ResultSet rs =
          md.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE", "BASE TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
      return names;
    } catch (SQLException e) {
      throw new StoreException(
          "cannot list the database's tables: " + Redactor.redact(e.getMessage(), password), e);
    }
  }
}
