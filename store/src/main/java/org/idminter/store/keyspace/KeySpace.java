package org.idminter.store.keyspace;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.StoreException;
import org.idminter.core.SystemAliases;
import org.idminter.store.dialect.Dialect;
import org.idminter.store.sql.Sql;

/**
 * The key space's lock (the {@code key_space} row of {@code idminter_locks}, schema version 6) and
 * the source-system aliases it guards. A mint takes it shared for its whole transaction; an
 * operation that moves keys between IDs or systems (a merge, its undo, an alias) takes it
 * exclusively. So a mint runs wholly before or wholly after such an operation, never across it: it
 * cannot inherit an ID that a merge is turning into a redirect, nor write a key under a system that
 * is becoming an alias. An alias change raises the row's version; the aliases are read again only
 * when the version a transaction sees differs from the one cached.
 */
public final class KeySpace {
  private static final String LOCK = "SELECT version FROM idminter_locks WHERE name = 'key_space'";

  private record Snapshot(long version, SystemAliases aliases) {}

  private final Dialect dialect;

  /** Version 0 is the schema's start, before any alias was recorded: nothing to read. */
  private volatile Snapshot cached = new Snapshot(0, SystemAliases.NONE);

  public KeySpace(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Locks the key space shared until the transaction ends; the aliases in force. */
  public SystemAliases shared(Connection c) throws SQLException {
    return aliases(c, dialect.sharedRead());
  }

  /** Locks the key space exclusively until the transaction ends; the aliases in force. */
  public SystemAliases exclusive(Connection c) throws SQLException {
    return aliases(c, dialect.lockingRead());
  }

  /** The aliases in force, without a lock (for reads). */
  public SystemAliases read(Connection c) throws SQLException {
    return aliases(c, "");
  }

  /** The aliases last read: a check before any SQL, repeated inside the transaction. */
  public SystemAliases lastKnown() {
    return cached.aliases();
  }

  /** Raises the version (inside the exclusive lock): minters read the aliases again. */
  public void aliasesChanged(Connection c) throws SQLException {
    Sql.update(
        c, "UPDATE idminter_locks SET version = version + 1 WHERE name = 'key_space'", ps -> {});
  }

  private SystemAliases aliases(Connection c, String lock) throws SQLException {
    List<Long> version = Sql.query(c, LOCK + lock, ps -> {}, rs -> rs.getLong(1));
    if (version.isEmpty()) {
      throw new StoreException(
          "the 'key_space' row of idminter_locks is missing (schema version 6 adds it); restore it"
              + " with INSERT INTO idminter_locks (name) VALUES ('key_space')");
    }
    Snapshot s = cached;
    if (s.version() == version.get(0)) {
      return s.aliases();
    }
    Map<String, String> canonicalOf = new HashMap<>();
    Sql.query(
            c,
            "SELECT Alias, CanonicalSystem FROM source_system_aliases",
            ps -> {},
            rs -> new String[] {rs.getString(1), rs.getString(2)})
        .forEach(r -> canonicalOf.put(r[0], r[1]));
    SystemAliases aliases = new SystemAliases(canonicalOf);
    cached = new Snapshot(version.get(0), aliases);
    return aliases;
  }
}
