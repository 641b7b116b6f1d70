package org.idminter.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.store.sql.Sql;

/**
 * A migration's persisted state and its lock, in its {@link StateTable}: how far apply got (the
 * phase, its cursor, the fingerprints it checked) and who holds the lock. The lock is a lease: its
 * holder renews a heartbeat with every checkpoint; a holder that crashed stops renewing, and after
 * the time to live another migrator may take the lock over.
 */
public final class Lease {
  /** Before the first phase ran. */
  public static final String NEW = "NEW";

  /** After the last phase finished. */
  public static final String DONE = "DONE";

  /** The state as read: phase, lock holder, heartbeat, the phase's cursor, the fingerprints. */
  public record Row(
      String phase,
      Optional<String> owner,
      long heartbeatMs,
      Optional<String> cursor,
      Map<String, Fingerprint> fingerprints) {
    public Row {
      fingerprints = Map.copyOf(fingerprints);
    }

    public Fingerprint fingerprint(String slot) {
      Fingerprint f = fingerprints.get(slot);
      if (f == null) {
        throw new IdMinterException(
            "the migration state has no " + slot + " fingerprint in phase " + phase);
      }
      return f;
    }
  }

  private final StateTable table;
  private final Clock clock;
  private final Duration ttl;
  private final RunIdentity run;
  private final String lockingRead;

  /**
   * @param dialect how the database locks the state row while the lease is taken
   */
  public Lease(
      StateTable table,
      Clock clock,
      Duration ttl,
      RunIdentity run,
      org.idminter.store.dialect.Dialect dialect) {
    this.table = table;
    this.clock = clock;
    this.ttl = ttl;
    this.run = run;
    this.lockingRead = dialect.lockingRead();
  }

  public StateTable table() {
    return table;
  }

  public RunIdentity run() {
    return run;
  }

  public Optional<Row> read(Connection c) throws SQLException {
    StringBuilder columns = new StringBuilder("Phase, Owner, HeartbeatMs, CopyCursor");
    for (String s : table.slots()) {
      columns.append(", ").append(s).append("Rows, ").append(s).append("Checksum");
    }
    List<Row> rows =
        Sql.query(
            c,
            "SELECT " + columns + " FROM " + table.name() + " WHERE Id = 1",
            ps -> {},
            rs -> {
              Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
              int i = 5;
              for (String s : table.slots()) {
                String checksum = rs.getString(i + 1);
                if (checksum != null) {
                  fingerprints.put(s, new Fingerprint(rs.getLong(i), checksum));
                }
                i += 2;
              }
              return new Row(
                  rs.getString(1),
                  Optional.ofNullable(rs.getString(2)),
                  rs.getLong(3),
                  Optional.ofNullable(rs.getString(4)),
                  fingerprints);
            });
    return rows.stream().findFirst();
  }

  /**
   * Takes the lock (inside the caller's transaction), or fails saying who holds it and until when.
   */
  public Row acquire(Connection c) throws SQLException {
    long now = clock.millis();
    List<Row> locked =
        Sql.query(
            c,
            "SELECT Phase, Owner, HeartbeatMs FROM " + table.name() + " WHERE Id = 1" + lockingRead,
            ps -> {},
            rs ->
                new Row(
                    rs.getString(1),
                    Optional.ofNullable(rs.getString(2)),
                    rs.getLong(3),
                    Optional.empty(),
                    Map.of()));
    if (locked.isEmpty()) {
      try {
        Sql.update(
            c,
            "INSERT INTO "
                + table.name()
                + " (Id, Phase, RunId, Owner, HeartbeatMs) VALUES (1, ?, ?, ?, ?)",
            ps -> {
              ps.setString(1, NEW);
              ps.setString(2, run.runId());
              ps.setString(3, run.owner());
              ps.setLong(4, now);
            });
      } catch (SQLException e) {
        if (e.getSQLState() != null
            && e.getSQLState().startsWith("23")) { // integrity: the row appeared meanwhile
          throw new IdMinterException(
              ErrorCode.LOCKED,
              "another migration took the lock at the same moment; nothing was changed");
        }
        throw e;
      }
    } else {
      Row held = locked.get(0);
      long age = now - held.heartbeatMs();
      if (held.owner().isPresent()
          && !held.owner().get().equals(run.owner())
          && age < ttl.toMillis()) {
        throw new IdMinterException(
            ErrorCode.LOCKED,
            "another migration holds the lock: "
                + held.owner().get()
                + ", last seen "
                + Duration.ofMillis(age).toSeconds()
                + " s ago; it expires "
                + ttl.minusMillis(age).toSeconds()
                + " s after its last heartbeat if that migrator has died; nothing was changed");
      }
      Sql.update(
          c,
          "UPDATE " + table.name() + " SET RunId = ?, Owner = ?, HeartbeatMs = ? WHERE Id = 1",
          ps -> {
            ps.setString(1, run.runId());
            ps.setString(2, run.owner());
            ps.setLong(3, now);
          });
    }
    return read(c).orElseThrow();
  }

  /** Renews the lease and records progress; fails if another migrator took the lock over. */
  public void advance(Connection c, String phase, Optional<String> cursor) throws SQLException {
    int n =
        Sql.update(
            c,
            "UPDATE "
                + table.name()
                + " SET Phase = ?, CopyCursor = ?, HeartbeatMs = ? WHERE Id = 1 AND Owner = ?",
            ps -> {
              ps.setString(1, phase);
              ps.setString(2, cursor.orElse(null));
              ps.setLong(3, clock.millis());
              ps.setString(4, run.owner());
            });
    if (n != 1) {
      throw new IdMinterException(
          ErrorCode.LOCKED,
          "this migration lost its lock (another migrator took it over after "
              + ttl.toSeconds()
              + " s without a heartbeat); stopping: run apply again");
    }
  }

  public void recordFingerprint(Connection c, String slot, Fingerprint f) throws SQLException {
    if (!table.slots().contains(slot)) {
      throw new IllegalArgumentException(table.name() + " has no fingerprint slot " + slot);
    }
    Sql.update(
        c,
        "UPDATE "
            + table.name()
            + " SET "
            + slot
            + "Rows = ?, "
            + slot
            + "Checksum = ? WHERE Id = 1",
        ps -> {
          ps.setLong(1, f.rows());
          ps.setString(2, f.checksum());
        });
  }

  public void release(Connection c) throws SQLException {
    Sql.update(
        c,
        "UPDATE " + table.name() + " SET Owner = NULL WHERE Id = 1 AND Owner = ?",
        ps -> ps.setString(1, run.owner()));
  }
}
