package org.idminter.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.idminter.core.InvalidInputException;
import org.idminter.core.OntologyTypes;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.PoolPolicy;

/**
 * A {@link StoreConfig} from options and the environment: every variable checked at once (one error
 * naming each bad one), then the database chosen (an explicit URL, the original id_minter's RDS
 * variables, or the embedded default in the per-user data directory).
 */
final class EnvironmentConfig {
  private EnvironmentConfig() {}

  /**
   * Resolves configuration: explicit options first, then {@code IDMINTER_DB_URL}, then the original
   * id_minter's {@code RDS_*} variables (MySQL), then the embedded default under the data dir.
   */
  static StoreConfig resolve(StoreConfig.Overrides o, Map<String, String> env) {
    Problems problems = new Problems(env);
    boolean apply =
        o.applyMigrations() || problems.bool("APPLY_MIGRATIONS", "--apply-migrations", false);
    PoolPolicy defaults = PoolPolicy.DEFAULT;
    boolean autoTopUp =
        o.autoTopUp()
            .orElseGet(
                () ->
                    problems.bool(
                        "IDMINTER_AUTO_TOP_UP", "--no-auto-top-up", defaults.autoTopUp()));
    int lowWater =
        o.lowWaterMark()
            .orElseGet(
                () ->
                    problems.integer(
                        "IDMINTER_POOL_LOW_WATER", "--pool-low-water", defaults.lowWaterMark()));
    int topUpTo =
        o.topUpTo()
            .orElseGet(
                () ->
                    problems.integer(
                        "IDMINTER_POOL_TOP_UP_TO", "--pool-top-up-to", defaults.topUpTo()));
    IdSource source =
        o.idSource()
            .or(() -> value(env, "IDMINTER_ID_SOURCE"))
            .map(
                v ->
                    problems.check(
                        "IDMINTER_ID_SOURCE (--id-source)",
                        () -> IdSource.parse(v),
                        IdSource.DEFAULT))
            .orElse(IdSource.DEFAULT);
    PoolPolicy pool =
        problems.check(
            "IDMINTER_POOL_LOW_WATER (--pool-low-water) / IDMINTER_POOL_TOP_UP_TO (--pool-top-up-to)",
            () -> new PoolPolicy(autoTopUp, lowWater, topUpTo, source),
            defaults);
    int connections = problems.integer("IDMINTER_DB_MAX_CONNECTIONS", null, 10);
    if (connections < 2) {
      // A schema migration holds one connection for its lock while Flyway works on another.
      problems.add(
          "IDMINTER_DB_MAX_CONNECTIONS",
          null,
          "'"
              + connections
              + "' (expected at least 2: a schema migration holds one for its lock while it works on"
              + " another)");
      connections = 10;
    }
    problems.oneOf(
        "IDMINTER_LOG_LEVEL", null, Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"));
    OntologyTypes types =
        problems.check(
            "IDMINTER_ONTOLOGY_TYPES",
            () ->
                OntologyTypes.with(
                    value(env, "IDMINTER_ONTOLOGY_TYPES")
                        .map(v -> Set.copyOf(java.util.Arrays.asList(v.split("\\s*,\\s*"))))
                        .orElse(Set.of())),
            OntologyTypes.standard());
    int rdsPort = problems.integer("RDS_PORT", null, 3306);
    RegistrySettings registry = RegistrySettings.read(problems, env);
    problems.throwIfAny();

    Optional<String> url = o.dbUrl().or(() -> value(env, "IDMINTER_DB_URL"));
    Optional<String> readUrl = value(env, "IDMINTER_DB_READ_URL");
    if (readUrl.isPresent() && url.isEmpty()) {
      throw new InvalidInputException(
          "a read replica (IDMINTER_DB_READ_URL, --db-read) needs its primary named too"
              + " (IDMINTER_DB_URL or --db): the embedded database has no replicas");
    }
    if (url.isPresent()) {
      return new StoreConfig(
          url.get(),
          o.dbUser().or(() -> value(env, "IDMINTER_DB_USER")),
          o.dbPassword().or(() -> value(env, "IDMINTER_DB_PASSWORD")),
          apply,
          pool,
          connections,
          types,
          registry,
          readUrl);
    }
    if (value(env, "RDS_PRIMARY_HOST").isPresent()) {
      String host = env.get("RDS_PRIMARY_HOST");
      String database = value(env, "IDENTIFIERS_DATABASE").orElse("identifiers");
      return new StoreConfig(
          "jdbc:mysql://" + host + ":" + rdsPort + "/" + database,
          o.dbUser().or(() -> value(env, "RDS_USERNAME")).or(() -> Optional.of("id_minter")),
          o.dbPassword().or(() -> Optional.ofNullable(env.get("RDS_PASSWORD"))),
          apply,
          pool,
          connections,
          types,
          registry);
    }
    Path dataDir =
        o.dataDir()
            .or(() -> value(env, "IDMINTER_DATA_DIR").map(Path::of))
            .orElseGet(() -> defaultDataDir(env));
    StoreConfig embedded = StoreConfig.embedded(dataDir);
    return new StoreConfig(
        embedded.jdbcUrl(),
        embedded.user(),
        embedded.password(),
        true,
        pool,
        connections,
        types,
        registry);
  }

  /**
   * The per-user data directory: {@code $XDG_DATA_HOME/idminter}, else {@code
   * ~/.local/share/idminter}; never the working directory, so every command finds the same database
   * wherever it runs. An embedded database left at the old default ({@code ./idminter-data}, when
   * the new place has none) is refused rather than silently replaced by a new empty one.
   */
  static Path defaultDataDir(Map<String, String> env) {
    Path dir =
        value(env, "XDG_DATA_HOME")
            .map(Path::of)
            .filter(Path::isAbsolute)
            .orElseGet(
                () ->
                    Path.of(value(env, "HOME").orElse(System.getProperty("user.home")))
                        .resolve(".local/share"))
            .resolve("idminter");
    Path old = Path.of(StoreConfig.OLD_DEFAULT_DATA_DIR).toAbsolutePath();
    if (!Files.exists(StoreConfig.databaseFile(dir))
        && Files.exists(StoreConfig.databaseFile(old))) {
      throw new InvalidInputException(
          "found an idminter database in "
              + old
              + " (the default before 0.2), but the default is now "
              + dir
              + ": pass --data-dir "
              + old
              + " (or set IDMINTER_DATA_DIR), or move that directory to "
              + dir
              + "; nothing was changed");
    }
    return dir;
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }
}
