package org.idminter.migrate.engine;

/**
 * What a table held: its row count and an order-independent checksum of its rows (the sum, modulo
 * 2^64, of the first 8 bytes of each row's SHA-256). Equal fingerprints mean equal contents.
 */
public record Fingerprint(long rows, String checksum) {
  @Override
  public String toString() {
    return rows + " rows, checksum " + checksum;
  }
}
