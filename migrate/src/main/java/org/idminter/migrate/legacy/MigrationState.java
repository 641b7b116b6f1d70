package org.idminter.migrate.legacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.idminter.core.IdMinterException;
import org.idminter.store.sql.Sql;

/**
 * The one row of {@code idminter_legacy_migration}: how far apply got (phase, copy cursor, the
 * fingerprints it checked) and who holds the migration lock. The lock is a lease: its holder renews
 * a heartbeat with every chunk; a holder that crashed stops renewing, and after the time to live
 * another migrator may take the lock over.
 */
final class MigrationState {
  enum Phase {
    NEW,
    COPYING,
    SWAPPING,
    SWAPPED,
    DONE
  }

  record Row(
      Phase phase,
      Optional<String> owner,
      long heartbeatMs,
      Optional<String> cursor,
      Optional<Fingerprint> source,
      Optional<Fingerprint> swapped) {}

  private final Clock clock;
  private final Duration ttl;
  private final String owner;

  MigrationState(Clock clock, Duration ttl, String owner) {
    this.clock = clock;
    this.ttl = ttl;
    this.owner = owner;
  }

  String owner() {
    return owner;
  }

  Optional<Row> read(Connection c) throws SQLException {
    List<Row> rows =
        Sql.query(
            c,
            "SELECT Phase, Owner, HeartbeatMs, CopyCursor, SourceRows, SourceChecksum, SwappedRows,"
                + " SwappedChecksum FROM "
                + LegacyTables.STATE
                + " WHERE Id = 1",
            ps -> {},
            rs ->
                new Row(
                    Phase.valueOf(rs.getString(1)),
                    Optional.ofNullable(rs.getString(2)),
                    rs.getLong(3),
                    Optional.ofNullable(rs.getString(4)),
                    rs.getString(6) == null
                        ? Optional.empty()
                        : Optional.of(new Fingerprint(rs.getLong(5), rs.getString(6))),
                    rs.getString(8) == null
                        ? Optional.empty()
                        : Optional.of(new Fingerprint(rs.getLong(7), rs.getString(8)))));
    return rows.stream().findFirst();
  }

  /**
   * Takes the lock (inside the caller's transaction), or fails saying who holds it and until when.
   */
  Row acquire(Connection c) throws SQLException {
    long now = clock.millis();
    List<Row> locked =
        Sql.query(
            c,
            "SELECT Phase, Owner, HeartbeatMs FROM "
                + LegacyTables.STATE
                + " WHERE Id = 1 FOR UPDATE",
            ps -> {},
            rs ->
                new Row(
                    Phase.valueOf(rs.getString(1)),
                    Optional.ofNullable(rs.getString(2)),
                    rs.getLong(3),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
    if (locked.isEmpty()) {
      try {
        Sql.update(
            c,
            "INSERT INTO "
                + LegacyTables.STATE
                + " (Id, Phase, Owner, HeartbeatMs) VALUES (1, 'NEW', ?, ?)",
            ps -> {
              ps.setString(1, owner);
              ps.setLong(2, now);
            });
      } catch (SQLException e) {
        if (e.getSQLState() != null
            && e.getSQLState().startsWith("23")) { // integrity: the row appeared meanwhile
          throw new IdMinterException(
              "another migration took the lock at the same moment; nothing was changed");
        }
        throw e;
      }
    } else {
      Row held = locked.get(0);
      long age = now - held.heartbeatMs();
      if (held.owner().isPresent() && !held.owner().get().equals(owner) && age < ttl.toMillis()) {
        throw new IdMinterException(
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
          "UPDATE " + LegacyTables.STATE + " SET Owner = ?, HeartbeatMs = ? WHERE Id = 1",
          ps -> {
            ps.setString(1, owner);
            ps.setLong(2, now);
          });
    }
    return read(c).orElseThrow();
  }

  /** Renews the lease and records progress; fails if another migrator took the lock over. */
  void advance(Connection c, Phase phase, Optional<String> cursor) throws SQLException {
    int n =
        Sql.update(
            c,
            "UPDATE "
                + LegacyTables.STATE
                + " SET Phase = ?, CopyCursor = ?, HeartbeatMs = ? WHERE Id = 1"
                + " AND Owner = ?",
            ps -> {
              ps.setString(1, phase.name());
              ps.setString(2, cursor.orElse(null));
              ps.setLong(3, clock.millis());
              ps.setString(4, owner);
            });
    if (n != 1) {
      throw new IdMinterException(
          "this migration lost its lock (another migrator took it over after "
              + ttl.toSeconds()
              + " s without a heartbeat); stopping: run apply again");
    }
  }

  void recordFingerprint(Connection c, String which, Fingerprint f) throws SQLException {
    Sql.update(
        c,
        "UPDATE "
            + LegacyTables.STATE
            + " SET "
            + which
            + "Rows = ?, "
            + which
            + "Checksum = ? WHERE Id = 1",
        ps -> {
          ps.setLong(1, f.rows());
          ps.setString(2, f.checksum());
        });
  }

  void release(Connection c) throws SQLException {
    Sql.update(
        c,
        "UPDATE " + LegacyTables.STATE + " SET Owner = NULL WHERE Id = 1 AND Owner = ?",
        ps -> ps.setString(1, owner));
  }
}
