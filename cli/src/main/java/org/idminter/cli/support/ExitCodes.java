package org.idminter.cli.support;

/** What every idminter command returns; docs/errors.md lists the causes of each. */
public final class ExitCodes {
  /** Everything asked was done. */
  public static final int OK = 0;

  /** Nothing was written for the call; one line on stderr says why. */
  public static final int FAILURE = 1;

  /** A command, option or argument value that is not valid (picocli's usage errors too). */
  public static final int USAGE = 2;

  /** Some rows or works failed and are listed; the rest were done. */
  public static final int PARTIAL = 3;

  /**
   * A check ran and found the state wanting: {@code schema status} on a schema that is missing or
   * behind, {@code pool status --min-free N} below N. Distinct from 1 (the check could not run).
   */
  public static final int CHECK_FAILED = 4;

  private ExitCodes() {}
}
