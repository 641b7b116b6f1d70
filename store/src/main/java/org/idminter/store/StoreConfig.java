package org.idminter.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
import org.idminter.core.Secrets;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.pool.PoolPolicy;

/**
 * Where the identifiers live and how to treat them, validated whole when built. The password is
 * never part of {@link #toString()}.
 */
public record StoreConfig(
    String jdbcUrl,
    Optional<String> user,
    Optional<String> password,
    boolean applyMigrations,
    PoolPolicy pool,
    int maxConnections) {

  public static final String DEFAULT_DATA_DIR = "./idminter-data";

  public StoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    // Known before anything can fail: every message from here on, whoever writes it, is cleaned.
    Secrets.registerUrl(jdbcUrl);
    password.ifPresent(Secrets::register);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(pool, "pool");
    Dialect.forUrl(jdbcUrl); // fails now, naming the URL, if it is not a supported database
    if (maxConnections < 2) {
      // A schema migration holds one connection for its lock while Flyway works on another.
      throw new InvalidInputException(
          "maximum connections (IDMINTER_DB_MAX_CONNECTIONS) must be at least 2, was "
              + maxConnections
              + ": a schema migration holds one for its lock while it works on another");
    }
  }

  /** The embedded default: an H2 file database under {@code dataDir}, migrated automatically. */
  public static StoreConfig embedded(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("idminter");
    // AUTO_SERVER lets several processes share the file (the first to open it serves the others);
    // AUTO_RECONNECT lets the others carry on when that process exits; LOCK_TIMEOUT lets concurrent
    // minters wait for each other's row locks instead of failing at once. MAX_COMPACT_TIME=0 turns
    // off compacting the file on close: H2 2.3.232 lost committed rows, or corrupted the file, when
    // it did (h2database issues 4123 and 4247; see docs/architecture.md, Decisions).
    String url =
        "jdbc:h2:file:"
            + file
            + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=0";
    return new StoreConfig(url, Optional.of("sa"), Optional.empty(), true, PoolPolicy.DEFAULT, 10);
  }

  /** Options given on a command line (or any caller); empty ones fall back to the environment. */
  public record Overrides(
      Optional<String> dbUrl,
      Optional<String> dbUser,
      Optional<String> dbPassword,
      Optional<Path> dataDir,
      boolean applyMigrations,
      Optional<Boolean> autoTopUp,
      Optional<Integer> lowWaterMark,
      Optional<Integer> topUpTo) {
    public static final Overrides NONE =
        new Overrides(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }

  /**
   * Resolves configuration: explicit options first, then {@code IDMINTER_DB_URL}, then the original
   * id_minter's {@code RDS_*} variables (MySQL), then the embedded default under the data dir.
   */
  public static StoreConfig resolve(Overrides o, Map<String, String> env) {
    boolean apply = o.applyMigrations() || bool(env, "APPLY_MIGRATIONS", false);
    PoolPolicy defaults = PoolPolicy.DEFAULT;
    PoolPolicy pool =
        new PoolPolicy(
            o.autoTopUp().orElse(bool(env, "IDMINTER_AUTO_TOP_UP", defaults.autoTopUp())),
            o.lowWaterMark()
                .orElse(integer(env, "IDMINTER_POOL_LOW_WATER", defaults.lowWaterMark())),
            o.topUpTo().orElse(integer(env, "IDMINTER_POOL_TOP_UP_TO", defaults.topUpTo())));
    int connections = integer(env, "IDMINTER_DB_MAX_CONNECTIONS", 10);

    Optional<String> url = o.dbUrl().or(() -> value(env, "IDMINTER_DB_URL"));
    if (url.isPresent()) {
      return new StoreConfig(
          url.get(),
          o.dbUser().or(() -> value(env, "IDMINTER_DB_USER")),
          o.dbPassword().or(() -> value(env, "IDMINTER_DB_PASSWORD")),
          apply,
          pool,
          connections);
    }
    if (value(env, "RDS_PRIMARY_HOST").isPresent()) {
      String host = env.get("RDS_PRIMARY_HOST");
      int port = integer(env, "RDS_PORT", 3306);
      String database = value(env, "IDENTIFIERS_DATABASE").orElse("identifiers");
      return new StoreConfig(
          "jdbc:mysql://" + host + ":" + port + "/" + database,
          o.dbUser().or(() -> value(env, "RDS_USERNAME")).or(() -> Optional.of("id_minter")),
          o.dbPassword().or(() -> Optional.ofNullable(env.get("RDS_PASSWORD"))),
          apply,
          pool,
          connections);
    }
    Path dataDir =
        o.dataDir().orElse(Path.of(value(env, "IDMINTER_DATA_DIR").orElse(DEFAULT_DATA_DIR)));
    StoreConfig embedded = embedded(dataDir);
    return new StoreConfig(
        embedded.jdbcUrl(), embedded.user(), embedded.password(), true, pool, connections);
  }

  public Dialect dialect() {
    return Dialect.forUrl(jdbcUrl);
  }

  /** The URL with any credentials in it replaced by {@code ***}. */
  public String redactedUrl() {
    return Secrets.redactUrl(jdbcUrl);
  }

  @Override
  public String toString() {
    return "StoreConfig[url="
        + redactedUrl()
        + ", user="
        + user.orElse("")
        + ", password="
        + (password.isPresent() ? "***" : "")
        + ", applyMigrations="
        + applyMigrations
        + ", pool="
        + pool
        + ", maxConnections="
        + maxConnections
        + "]";
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    return switch (v.get().toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new InvalidInputException(
              "bad value for " + name + ": '" + v.get() + "' (expected true or false)");
    };
  }

  private static int integer(Map<String, String> env, String name, int fallback) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "bad value for " + name + ": '" + v.get() + "' (expected a whole number)");
    }
  }
}
