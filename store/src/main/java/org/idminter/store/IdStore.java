package org.idminter.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.Minter;
import org.idminter.core.Sleeper;
import org.idminter.core.StoreException;
import org.idminter.core.id.CanonicalIdGenerator;
import org.idminter.core.id.Flake64Generator;
import org.idminter.store.alias.AliasReport;
import org.idminter.store.cache.CachedMinter;
import org.idminter.store.cache.MappingCache;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.jdbc.Database;
import org.idminter.store.jdbc.RetryPolicy;
import org.idminter.store.keyspace.KeySpace;
import org.idminter.store.load.CsvImporter;
import org.idminter.store.merge.Merges;
import org.idminter.store.mint.SqlMinter;
import org.idminter.store.pool.IdPool;
import org.idminter.store.pool.IdSource;
import org.idminter.store.pool.IdSupply;
import org.idminter.store.pool.InsertedIds;
import org.idminter.store.registry.IdRegistry;
import org.idminter.store.schema.ExactKeys;
import org.idminter.store.schema.SchemaManager;
import org.idminter.store.schema.SchemaState;
import org.idminter.store.schema.SchemaState.Shape;
import org.idminter.store.systems.SourceSystems;

/**
 * The identifier store: one connection pool to one database, and the services on it (minter, pool,
 * schema, import, aliases). Open it once, share it across threads, close it at the end.
 */
public final class IdStore implements AutoCloseable {
  private final StoreConfig config;
  private final HikariDataSource dataSource;
  private final Database db;

  /** The read replica's pool, or null without one. */
  private final HikariDataSource replicaSource;

  /** Where lookups and resolution read: the replica if there is one, else {@link #db}. */
  private final Database reads;

  private final SchemaManager schema;

  /**
   * The schema as last inspected; re-inspected when it falls short (another component may have
   * migrated).
   */
  private volatile SchemaState state;

  private final IdPool pool;
  private final Minter minter;
  private final MappingCache cache;
  private final IdRegistry registry;
  private final KeySpace keySpace;

  private IdStore(Builder b) {
    this.config = b.config;
    Dialect dialect = config.dialect();
    if (!dialect.holdsIdentifiers()) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT,
          "idminter keeps no identifiers in "
              + dialect.name()
              + " (it reaches such a database only to backfill a column): use the embedded"
              + " default, H2, MySQL, MariaDB or PostgreSQL for --db");
    }
    this.dataSource = Pools.connect(config, dialect);
    HikariDataSource replica = null;
    try {
      this.db = new Database(dataSource, dialect, b.retry, b.sleeper, b.random, b.decorator);
      replica = config.replica().map(r -> Pools.connect(r, dialect, true)).orElse(null);
      this.replicaSource = replica;
      this.reads =
          replica == null
              ? db
              : new Database(replica, dialect, b.retry, b.sleeper, b.random, b.decorator);
      this.schema = new SchemaManager(db, b.sleeper);
      SchemaState found = schema.inspect();
      this.state =
          config.applyMigrations() && found.shape() != Shape.LEGACY && !found.isCurrent()
              ? schema.migrate().after()
              : found;
      CanonicalIdGenerator generator = new CanonicalIdGenerator(b.random);
      this.pool = new IdPool(db, generator, () -> current().isCurrent());
      this.cache =
          config
              .registry()
              .cache()
              .map(c -> MappingCache.open(c, IdRegistry.cacheNamespace(db, state.isCurrent())))
              .orElse(MappingCache.NONE);
      this.keySpace = new KeySpace(dialect);
      SqlMinter sql =
          new SqlMinter(
              db,
              reads,
              pool,
              supply(config.pool().idSource(), dialect, generator),
              config.pool(),
              b.afterLookup,
              () -> SchemaManager.requireCurrent(current()),
              config.ontologyTypes(),
              keySpace,
              () -> state.atLeast(6));
      this.minter = cache.enabled() ? new CachedMinter(sql, cache) : sql;
      this.registry =
          new IdRegistry(
              db,
              new Flake64Generator(b.clock, b.random),
              config.registry().qidPrefixes(),
              () -> SchemaManager.requireCurrent(current()),
              cache);
    } catch (RuntimeException e) {
      dataSource.close();
      if (replica != null) {
        replica.close();
      }
      // The server went away after the pool's first connection: say so as at connect, not as a
      // failed migration or inspection.
      throw lostConnection(e) ? Pools.cannotConnect(config, dialect, e) : e;
    }
  }

  private static boolean lostConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof java.net.SocketException
          || t instanceof SQLException s
              && s.getSQLState() != null
              && s.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /** Starts building a store; {@code random} draws canonical IDs (a SecureRandom outside tests). */
  public static Builder builder(StoreConfig config, RandomGenerator random) {
    return new Builder(config, random);
  }

  public Minter minter() {
    return minter;
  }

  /** The internal↔external ID registry (needs the current schema). */
  public IdRegistry registry() {
    return registry;
  }

  /** The read cache ({@link MappingCache#NONE} when none is configured). */
  public MappingCache cache() {
    return cache;
  }

  /** Where the minter takes new IDs: {@code source}, or the database's default when not set. */
  private IdSupply supply(IdSource source, Dialect dialect, CanonicalIdGenerator generator) {
    boolean insert =
        source == IdSource.DEFAULT ? dialect.insertsNewIdsByDefault() : source == IdSource.CLAIM;
    return insert ? new InsertedIds(dialect, generator) : pool;
  }

  /** The pool; needs only the core tables, so it works on an unmigrated id_minter database. */
  public IdPool pool() {
    SchemaState s = state;
    SchemaManager.requireCoreTables(s.hasCoreTables() ? s : current());
    return pool;
  }

  public SchemaManager schema() {
    return schema;
  }

  /**
   * The schema as it is now, read from the database (for readiness checks: it fails when the
   * database cannot be reached).
   */
  public SchemaState inspectNow() {
    SchemaState s = schema.inspect();
    state = s;
    return s;
  }

  /** The connection pool's state, for metrics. */
  public ConnectionStats connections() {
    var bean = dataSource.getHikariPoolMXBean();
    int max = dataSource.getMaximumPoolSize();
    if (bean == null) {
      return new ConnectionStats(0, 0, 0, 0, max);
    }
    return new ConnectionStats(
        bean.getActiveConnections(),
        bean.getIdleConnections(),
        bean.getTotalConnections(),
        bean.getThreadsAwaitingConnection(),
        max);
  }

  /** The schema as found at open (after migrating, when migrations were applied), or since. */
  public SchemaState schemaState() {
    return state;
  }

  /** The cached state if current, else a fresh inspection (cached in turn). */
  private SchemaState current() {
    SchemaState s = state;
    if (!s.isCurrent()) {
      s = schema.inspect();
      state = s;
    }
    return s;
  }

  public CsvImporter importer() {
    return new CsvImporter(
        db, () -> SchemaManager.requireCurrent(current()), config.ontologyTypes(), keySpace);
  }

  public AliasReport aliases() {
    return new AliasReport(db, () -> SchemaManager.requireCurrent(current()));
  }

  /** Merges of canonical IDs, redirects, the state of an ID and the history (schema version 5). */
  public Merges merges() {
    return new Merges(db, reads, () -> SchemaManager.requireCurrent(current()), keySpace);
  }

  /** The conversion of a Python id_minter database's key columns to exact comparison. */
  public ExactKeys exactKeys() {
    return new ExactKeys(db, keySpace, () -> SchemaManager.requireCurrent(current()));
  }

  /** Source systems in use and their aliases (schema version 6). */
  public SourceSystems systems() {
    return new SourceSystems(db, () -> SchemaManager.requireCurrent(current()), keySpace, merges());
  }

  public Dialect dialect() {
    return db.dialect();
  }

  /**
   * Transactions with retries on this store's connections, for idminter's own modules (migrate,
   * bench).
   */
  public Database database() {
    return db;
  }

  public StoreConfig config() {
    return config;
  }

  /** Where this store points, for messages: dialect and URL without credentials. */
  public String describe() {
    return db.dialect().name()
        + " at "
        + config.redactedUrl()
        + config.replica().map(r -> ", reading from the replica " + r.redactedUrl()).orElse("");
  }

  @Override
  public void close() {
    try {
      cache.close();
    } finally {
      try {
        dataSource.close();
      } finally {
        if (replicaSource != null) {
          replicaSource.close();
        }
      }
    }
  }

  /** Tries at opening a database whose failures at open may pass (see {@link Builder#open}). */
  private static final int OPEN_ATTEMPTS = 40;

  /** Options for {@link IdStore}; the defaults suit production, tests inject the rest. */
  public static final class Builder {
    private final StoreConfig config;
    private final RandomGenerator random;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.REAL;
    private UnaryOperator<Connection> decorator = UnaryOperator.identity();
    private Runnable afterLookup = () -> {};
    private java.time.InstantSource clock = java.time.InstantSource.system();

    private Builder(StoreConfig config, RandomGenerator random) {
      this.config = Objects.requireNonNull(config, "config");
      this.random = Objects.requireNonNull(random, "random");
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry);
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /**
     * Wraps every connection handed to idminter's code (statement counting in tests and
     * benchmarks).
     */
    public Builder connectionDecorator(UnaryOperator<Connection> decorator) {
      this.decorator = Objects.requireNonNull(decorator);
      return this;
    }

    /** The clock of the registry's internal IDs (the system clock outside tests). */
    public Builder clock(java.time.InstantSource clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Test hook: runs inside each mint transaction between the lookup and the claim. */
    public Builder afterLookupHook(Runnable hook) {
      this.afterLookup = Objects.requireNonNull(hook);
      return this;
    }

    /**
     * Opens the store. On the embedded database, processes that start at the same moment race to
     * create the file and to become its auto-server; the losers' failures ("Lock file recently
     * modified", "Another process was faster", a refused connection to a server that just exited)
     * pass once the winner is up, so opening is tried again, with jitter, for about 20 s. Any other
     * failure, or one on a server database, is reported at once.
     */
    public IdStore open() {
      Dialect dialect = config.dialect();
      for (int attempt = 1; ; attempt++) {
        try {
          return new IdStore(this);
        } catch (StoreException e) {
          if (attempt >= OPEN_ATTEMPTS || !dialect.transientAtOpen(e)) {
            throw e;
          }
          try {
            sleeper.sleep(Duration.ofMillis(250 + random.nextInt(500)));
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    }
  }
}
