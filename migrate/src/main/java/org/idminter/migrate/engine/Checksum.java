package org.idminter.migrate.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Accumulates a {@link Fingerprint} over rows in any order. A row is its fields joined by NUL, so
 * ("ab", "c") and ("a", "bc") differ.
 */
public final class Checksum {
  private final MessageDigest sha256;
  private long sum;
  private long rows;

  public Checksum() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public void add(String... fields) {
    String text = String.join("\u0000", fields);
    sum += ByteBuffer.wrap(sha256.digest(text.getBytes(StandardCharsets.UTF_8))).getLong();
    rows++;
  }

  public Fingerprint fingerprint() {
    return new Fingerprint(rows, String.format("%016x", sum));
  }
}
