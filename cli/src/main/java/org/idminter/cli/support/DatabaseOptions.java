package org.idminter.cli.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.TargetDatabase;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the identifiers live; every command that touches the database mixes these in (commands that
 * write mix in {@link WritingDatabaseOptions}, commands that mint {@link MintingDatabaseOptions},
 * so each command lists only the options that apply to it).
 */
public class DatabaseOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Database: jdbc:mysql:, jdbc:mariadb:, jdbc:postgresql: or jdbc:h2: URL (backfill: also"
              + " jdbc:sqlite:FILE) (env IDMINTER_DB_URL)."
              + " Default: the embedded H2 database under --data-dir.")
  String dbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description =
          "Database user (env IDMINTER_DB_USER; default: none, sa on the embedded database).")
  String dbUser;

  @Option(
      names = "--db-password",
      paramLabel = "PASSWORD",
      description =
          "Database password (env IDMINTER_DB_PASSWORD; prefer the variable: arguments are visible to other users; default: none).")
  String dbPassword;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Directory of the embedded database (env IDMINTER_DATA_DIR; default $XDG_DATA_HOME/idminter,"
              + " else ~/.local/share/idminter).")
  Path dataDir;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A file of KEY=value settings with the environment variables' keys (env IDMINTER_CONFIG;"
              + " variables win over it, options over both; default: none).")
  Path configFile;

  /** The settings: the environment over the configuration file, if one is given. */
  public Map<String, String> environment() {
    Map<String, String> env = withOptions(System.getenv());
    Path file =
        configFile != null
            ? configFile
            : env.get("IDMINTER_CONFIG") == null || env.get("IDMINTER_CONFIG").isBlank()
                ? null
                : Path.of(env.get("IDMINTER_CONFIG").trim());
    return file == null ? env : ConfigFile.under(file, env);
  }

  /** The options that are read as their variables (an option wins over its variable). */
  private Map<String, String> withOptions(Map<String, String> env) {
    Optional<String> cache = cacheUrl();
    Optional<String> read = readUrl();
    if (cache.isEmpty() && read.isEmpty()) {
      return env;
    }
    Map<String, String> copy = new java.util.HashMap<>(env);
    cache.ifPresent(c -> copy.put("IDMINTER_CACHE_URL", c));
    read.ifPresent(r -> copy.put("IDMINTER_DB_READ_URL", r));
    return copy;
  }

  /** The --cache option; only commands that read mappings offer it. */
  Optional<String> cacheUrl() {
    return Optional.empty();
  }

  static final String READ_DESCRIPTION =
      "A read replica of --db: lookups and resolution read it first, and a key or ID it lacks is"
          + " read again from --db, so replication lag never reports a minted one missing; minting"
          + " never uses it (env IDMINTER_DB_READ_URL; default: none).";

  /** The --db-read option; only commands that look up or resolve offer it. */
  Optional<String> readUrl() {
    return Optional.empty();
  }

  public StoreConfig config() {
    return StoreConfig.resolve(
        new StoreConfig.Overrides(
            Optional.ofNullable(dbUrl),
            Optional.ofNullable(dbUser),
            Optional.ofNullable(dbPassword),
            Optional.ofNullable(dataDir),
            applyMigrations(),
            autoTopUp(),
            lowWater(),
            topUpTo(),
            idSource()),
        environment());
  }

  /** Whether --apply-migrations was given; only commands that write offer it. */
  boolean applyMigrations() {
    return false;
  }

  /** The pool options; only commands that mint offer them. */
  Optional<Boolean> autoTopUp() {
    return Optional.empty();
  }

  Optional<Integer> lowWater() {
    return Optional.empty();
  }

  Optional<Integer> topUpTo() {
    return Optional.empty();
  }

  Optional<String> idSource() {
    return Optional.empty();
  }

  /**
   * Opens the store for a command that writes: an embedded database that does not exist yet is
   * created, and that is said on stderr with its absolute path. The CLI is one of the two places
   * that create the real random source.
   */
  public IdStore open() {
    return open(config());
  }

  /** Opens {@code config} for writing, announcing a newly created embedded database. */
  public IdStore open(StoreConfig config) {
    config.embeddedDirectory().ifPresent(DatabaseOptions::requireWritable);
    boolean creating = config.embeddedMissing();
    IdStore store = IdStore.builder(config, new SecureRandom()).open();
    if (creating) {
      mixee
          .commandLine()
          .getErr()
          .println(
              "idminter: created a new embedded database in "
                  + config.embeddedDirectory().orElseThrow());
    }
    return store;
  }

  /** A command that writes needs its embedded database's directory writable: one line if not. */
  private static void requireWritable(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT,
          "cannot create the embedded database in "
              + dir
              + ": "
              + (e instanceof java.nio.file.FileAlreadyExistsException
                  ? "a file of that name is in the way"
                  : e.getMessage())
              + "; pass --data-dir DIR (or IDMINTER_DATA_DIR) naming a writable directory, or --db");
    }
    if (!Files.isWritable(dir)) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT,
          "the embedded database's directory "
              + dir
              + " is not writable by this user: commands that only read (lookup, pool status,"
              + " aliases, schema status) still work; to write, pass --data-dir DIR naming a"
              + " writable directory");
    }
  }

  /**
   * Opens the store for a command that only reads: it never creates an embedded database; when
   * there is none it fails saying where it looked.
   */
  public IdStore openExisting() {
    return openExisting(config());
  }

  public static IdStore openExisting(StoreConfig config) {
    requireExisting(config);
    return IdStore.builder(config.existingOnly(), new SecureRandom()).open();
  }

  /**
   * Opens the database a command changes without keeping identifiers in it (a backfill's target:
   * any supported database, SQLite included); an embedded database is never created.
   */
  public TargetDatabase openTarget() {
    StoreConfig config = config();
    requireExisting(config);
    return TargetDatabase.open(config.existingOnly(), new SecureRandom());
  }

  private static void requireExisting(StoreConfig config) {
    if (config.embeddedMissing()) {
      throw new IdMinterException(
          ErrorCode.NOT_FOUND,
          "there is no embedded database in "
              + config.embeddedDirectory().orElseThrow()
              + ": nothing has been minted there; pass --data-dir DIR (or IDMINTER_DATA_DIR) or --db"
              + " to name the database that holds your identifiers");
    }
  }
}
