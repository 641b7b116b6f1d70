package org.idminter.migrate.legacy;

import java.util.Optional;

/**
 * How apply may proceed: skip refused rows (each listed in the report), accept an empty source,
 * pre-generate free IDs afterwards, refuse unless the source still has a given fingerprint checksum
 * (from a plan), and pause the copy while the server is busier than {@code maxLoad}.
 */
public record ApplyOptions(
    boolean skipRefused,
    boolean allowEmpty,
    long pregenerate,
    Optional<String> expectChecksum,
    Optional<Long> maxLoad) {
  public static final ApplyOptions DEFAULT = new ApplyOptions(false, false, 0, Optional.empty());

  /** Without a load limit. */
  public ApplyOptions(
      boolean skipRefused, boolean allowEmpty, long pregenerate, Optional<String> expectChecksum) {
    this(skipRefused, allowEmpty, pregenerate, expectChecksum, Optional.empty());
  }
}
