package org.idminter.store.schema;

import java.util.List;

/**
 * What {@code schema exact-keys} would change: the key columns that do not yet compare exactly and
 * the collation they get, the values whose stored bytes change (text kept) and the values that
 * would not survive the conversion (apply refuses while there is one).
 *
 * @param exactAlready the database compares text exactly (PostgreSQL, H2), or every key column has
 *     been converted
 * @param target the collation converted columns get (idminter's on new schemas)
 * @param method how the columns are converted, and why
 */
public record ExactKeysPlan(
    String database,
    boolean exactAlready,
    String target,
    String method,
    List<KeyColumn> columns,
    List<TableRows> tables,
    List<String> reEncoded,
    List<String> notRoundTripping,
    List<String> refusals) {

  /** A key column as it is now. */
  public record KeyColumn(
      String table,
      String column,
      String type,
      String charset,
      String collation,
      boolean nullable) {}

  /** A table's row count and checksum of its key columns' text. */
  public record TableRows(String table, long rows, long checksum) {}

  public ExactKeysPlan {
    columns = List.copyOf(columns);
    tables = List.copyOf(tables);
    reEncoded = List.copyOf(reEncoded);
    notRoundTripping = List.copyOf(notRoundTripping);
    refusals = List.copyOf(refusals);
  }
}
