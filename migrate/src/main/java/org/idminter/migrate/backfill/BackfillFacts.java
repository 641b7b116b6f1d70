package org.idminter.migrate.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;

/**
 * What a backfill must remember across crashes and for rollback, written once in the transaction
 * that starts it: when it started (the time of rows without one), its spec (by digest), the secret
 * its ULIDs' random parts come from, whether it added the column and the unique index (rollback
 * drops only those), the rows and key before, and where the SQLite backup went.
 */
record BackfillFacts(
    long startedMs,
    String spec,
    long secret,
    boolean columnAdded,
    boolean indexAdded,
    long rowsBefore,
    String key,
    Optional<String> backup) {

  void writeOnce(Connection c) throws SQLException {
    Optional<BackfillFacts> existing = read(c);
    if (existing.isPresent()) {
      existing.get().requireSpec(spec);
      return;
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("started_ms", startedMs);
    facts.put("spec", spec);
    facts.put("secret", secret);
    facts.put("column_added", columnAdded ? 1L : 0L);
    facts.put("index_added", indexAdded ? 1L : 0L);
    facts.put("rows_before", rowsBefore);
    facts.put("key", key);
    backup.ifPresent(b -> facts.put("backup", b));
    BackfillDdl.FACTS.write(c, facts);
  }

  void requireSpec(String other) {
    if (!spec.equals(other)) {
      throw new IdMinterException(
          ErrorCode.REFUSED,
          "a backfill of another table or column is in progress on this database (its spec's"
              + " digest is "
              + spec
              + ", this one's "
              + other
              + "); finish or roll it back first; nothing was changed");
    }
  }

  static Optional<BackfillFacts> read(Connection c) throws SQLException {
    if (!BackfillDdl.FACTS.exists(c)) {
      return Optional.empty();
    }
    Map<String, Object> f = BackfillDdl.FACTS.read(c);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BackfillFacts(
            (Long) f.get("started_ms"),
            (String) f.get("spec"),
            (Long) f.get("secret"),
            ((Long) f.get("column_added")) == 1L,
            ((Long) f.get("index_added")) == 1L,
            (Long) f.get("rows_before"),
            (String) f.get("key"),
            Optional.ofNullable((String) f.get("backup"))));
  }
}
