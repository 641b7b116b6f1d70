package org.idminter.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.idminter.store.sql.Sql;

/**
 * Where one kind of migration keeps its state: a table of one row (Id 1) holding the phase, the
 * phase's cursor, the lease (owner and heartbeat) and one row count and checksum per named
 * fingerprint ({@code slots}, e.g. "Source" gives SourceRows and SourceChecksum).
 */
public record StateTable(String name, List<String> slots) {
  public StateTable {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("a state table name is lower case letters and _");
    }
    for (String s : slots) {
      if (!s.matches("[A-Z][a-zA-Z]*")) {
        throw new IllegalArgumentException("a fingerprint slot is a capitalised word: " + s);
      }
    }
    slots = List.copyOf(slots);
  }

  /** Creates the table unless it exists (the same DDL on every supported database). */
  public void create(Connection c) throws SQLException {
    StringBuilder ddl =
        new StringBuilder("CREATE TABLE IF NOT EXISTS ")
            .append(name)
            .append(" (Id INT NOT NULL PRIMARY KEY, Phase VARCHAR(16) NOT NULL, RunId VARCHAR(64),")
            .append(" Owner VARCHAR(160), HeartbeatMs BIGINT, CopyCursor VARCHAR(255)");
    for (String s : slots) {
      ddl.append(", ").append(s).append("Rows BIGINT, ").append(s).append("Checksum VARCHAR(32)");
    }
    Sql.update(c, ddl.append(')').toString(), ps -> {});
  }
}
