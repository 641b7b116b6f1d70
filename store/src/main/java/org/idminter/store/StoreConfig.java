package org.idminter.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
import org.idminter.core.OntologyTypes;
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
    int maxConnections,
    OntologyTypes ontologyTypes,
    RegistrySettings registry,
    Optional<String> readUrl) {

  /**
   * Where the embedded database lived by default before 0.2 (relative to the working directory).
   */
  public static final String OLD_DEFAULT_DATA_DIR = "idminter-data";

  /** The embedded database's file name under its data directory (H2 adds {@code .mv.db}). */
  static final String EMBEDDED_NAME = "idminter";

  /** A configuration that accepts the standard ontology types. */
  public StoreConfig(
      String jdbcUrl,
      Optional<String> user,
      Optional<String> password,
      boolean applyMigrations,
      PoolPolicy pool,
      int maxConnections) {
    this(jdbcUrl, user, password, applyMigrations, pool, maxConnections, OntologyTypes.standard());
  }

  /** A configuration with the default registry settings (no cache). */
  public StoreConfig(
      String jdbcUrl,
      Optional<String> user,
      Optional<String> password,
      boolean applyMigrations,
      PoolPolicy pool,
      int maxConnections,
      OntologyTypes ontologyTypes) {
    this(
        jdbcUrl,
        user,
        password,
        applyMigrations,
        pool,
        maxConnections,
        ontologyTypes,
        RegistrySettings.DEFAULT);
  }

  /** A configuration without a read replica. */
  public StoreConfig(
      String jdbcUrl,
      Optional<String> user,
      Optional<String> password,
      boolean applyMigrations,
      PoolPolicy pool,
      int maxConnections,
      OntologyTypes ontologyTypes,
      RegistrySettings registry) {
    this(
        jdbcUrl,
        user,
        password,
        applyMigrations,
        pool,
        maxConnections,
        ontologyTypes,
        registry,
        Optional.empty());
  }

  /** The same configuration with other registry settings. */
  public StoreConfig with(RegistrySettings settings) {
    return new StoreConfig(
        jdbcUrl,
        user,
        password,
        applyMigrations,
        pool,
        maxConnections,
        ontologyTypes,
        settings,
        readUrl);
  }

  /**
   * The read replica's configuration: its URL, the same credentials and settings, never migrated.
   */
  public Optional<StoreConfig> replica() {
    return readUrl.map(
        url ->
            new StoreConfig(
                url, user, password, false, pool, maxConnections, ontologyTypes, registry));
  }

  public StoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(ontologyTypes, "ontologyTypes");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(readUrl, "readUrl");
    readUrl.ifPresent(Secrets::registerUrl);
    // Known before anything can fail: every message from here on, whoever writes it, is cleaned.
    Secrets.registerUrl(jdbcUrl);
    password.ifPresent(Secrets::register);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(pool, "pool");
    Dialect.forUrl(jdbcUrl); // fails now, naming the URL, if it is not a supported database
    if (readUrl.isPresent()
        && !Dialect.forUrl(readUrl.get()).name().equals(Dialect.forUrl(jdbcUrl).name())) {
      throw new InvalidInputException(
          "the read replica (IDMINTER_DB_READ_URL, --db-read) "
              + Secrets.redactUrl(readUrl.get())
              + " is a "
              + Dialect.forUrl(readUrl.get()).name()
              + " database and --db a "
              + Dialect.forUrl(jdbcUrl).name()
              + " one: name a replica of --db");
    }
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
    Path file = dataDir.toAbsolutePath().normalize().resolve(EMBEDDED_NAME);
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
      Optional<Integer> topUpTo,
      Optional<String> idSource) {
    public static final Overrides NONE =
        new Overrides(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }

  /**
   * Resolves configuration: explicit options first, then {@code IDMINTER_DB_URL}, then the original
   * id_minter's {@code RDS_*} variables (MySQL), then the embedded default under the data dir (see
   * {@link EnvironmentConfig}).
   */
  public static StoreConfig resolve(Overrides o, Map<String, String> env) {
    return EnvironmentConfig.resolve(o, env);
  }

  static Path databaseFile(Path dataDir) {
    return dataDir.resolve(EMBEDDED_NAME + ".mv.db");
  }

  /**
   * The embedded database's directory, when this is the embedded H2 file database (its file is
   * {@code idminter.mv.db} there).
   */
  public Optional<Path> embeddedDirectory() {
    String prefix = "jdbc:h2:file:";
    if (!jdbcUrl.startsWith(prefix)) {
      return Optional.empty();
    }
    int end = jdbcUrl.indexOf(';');
    Path file = Path.of(jdbcUrl.substring(prefix.length(), end < 0 ? jdbcUrl.length() : end));
    return Optional.of(file.toAbsolutePath().getParent());
  }

  /** True when this is an embedded database whose file does not exist yet. */
  public boolean embeddedMissing() {
    return embeddedDirectory().map(d -> !Files.exists(databaseFile(d))).orElse(false);
  }

  /**
   * The same database for a command that only reads: never created (opening fails if it does not
   * exist); an embedded database in a directory this process cannot write is opened read-only (no
   * lock file can be made there, so it cannot be shared through H2's auto-server either).
   */
  public StoreConfig existingOnly() {
    return existingOnly(Files::isWritable);
  }

  /** {@link #existingOnly()} with the writability test given (a test cannot unwrite as root). */
  StoreConfig existingOnly(java.util.function.Predicate<Path> writable) {
    Optional<Path> dir = embeddedDirectory();
    if (dir.isEmpty()) {
      return this;
    }
    if (!writable.test(dir.get()) || !writable.test(databaseFile(dir.get()))) {
      return new StoreConfig(
          "jdbc:h2:file:"
              + dir.get().resolve(EMBEDDED_NAME)
              + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;MAX_COMPACT_TIME=0",
          user,
          password,
          false,
          pool,
          maxConnections,
          ontologyTypes,
          registry);
    }
    return new StoreConfig(
        jdbcUrl + ";IFEXISTS=TRUE",
        user,
        password,
        applyMigrations,
        pool,
        maxConnections,
        ontologyTypes,
        registry,
        readUrl);
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
}
