package org.idminter.migrate.legacy;

import java.util.Optional;

/**
 * How apply may proceed: skip refused rows (each listed in the report), accept an empty source,
 * pre-generate free IDs afterwards, and refuse unless the source still has a given fingerprint
 * checksum (from a plan).
 */
public record ApplyOptions(
    boolean skipRefused, boolean allowEmpty, long pregenerate, Optional<String> expectChecksum) {
  public static final ApplyOptions DEFAULT = new ApplyOptions(false, false, 0, Optional.empty());
}
