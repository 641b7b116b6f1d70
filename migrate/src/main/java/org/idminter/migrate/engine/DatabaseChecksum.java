package org.idminter.migrate.engine;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.idminter.store.dialect.Dialect;

/**
 * {@link Checksum}'s fingerprint computed by the database itself, over rows it never sends: the
 * same row count and the same sum, modulo 2^64, of the first 8 bytes of each row's SHA-256, so a
 * fingerprint taken in Java and one taken in SQL compare equal when the rows are equal.
 */
public final class DatabaseChecksum {
  private DatabaseChecksum() {}

  /**
   * Two select items, the count and the sum, over the rows where {@code when} holds (an SQL
   * condition; null for every row), each row being {@code texts}; empty where the database has no
   * SHA-256 function.
   */
  public static Optional<String> items(Dialect dialect, List<String> texts, String when) {
    return dialect
        .rowHash(texts)
        .map(
            hash ->
                when == null
                    ? "COUNT(*), SUM(" + hash + ")"
                    : "SUM(CASE WHEN "
                        + when
                        + " THEN 1 ELSE 0 END), SUM(CASE WHEN "
                        + when
                        + " THEN "
                        + hash
                        + " END)");
  }

  /** The fingerprint in the two columns {@link #items} selected, from column {@code first}. */
  public static Fingerprint read(ResultSet rs, int first) throws SQLException {
    long rows = rs.getLong(first);
    BigDecimal sum = rs.getBigDecimal(first + 1);
    long low = sum == null ? 0 : sum.toBigIntegerExact().longValue();
    return new Fingerprint(rows, String.format("%016x", low));
  }
}
