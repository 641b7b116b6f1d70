package org.idminter.migrate.legacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Accumulates a {@link Fingerprint} over rows in any order. */
final class Checksum {
  private final MessageDigest sha256;
  private long sum;
  private long rows;

  Checksum() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  void add(LegacyRow row) {
    String text =
        row.canonicalId()
            + '\u0000'
            + row.ontologyType()
            + '\u0000'
            + row.sourceSystem()
            + '\u0000'
            + row.sourceId();
    sum += ByteBuffer.wrap(sha256.digest(text.getBytes(StandardCharsets.UTF_8))).getLong();
    rows++;
  }

  Fingerprint fingerprint() {
    return new Fingerprint(rows, String.format("%016x", sum));
  }
}
