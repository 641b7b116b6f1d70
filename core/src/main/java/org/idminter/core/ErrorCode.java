package org.idminter.core;

/**
 * What kind of failure an {@link IdMinterException} is, as a stable name for machines: the JSON
 * reports carry it as {@code error_code}, and docs/errors.md lists every code with its exit code
 * and remedy. The message says the specifics; the code never changes meaning once published.
 */
public enum ErrorCode {
  /** A key, canonical ID, file, row, request or setting that cannot be used as given. */
  INVALID_INPUT,
  /** One call gives a key two different predecessors. */
  CONFLICTING_PREDECESSORS,
  /** A predecessor has no canonical ID and is not minted in the same call. */
  PREDECESSOR_NOT_FOUND,
  /** Keys inherit from each other in a cycle. */
  PREDECESSOR_CYCLE,
  /** Too few free IDs and auto top-up off, or a top-up fell short. */
  POOL_EXHAUSTED,
  /** A key matches a stored key only up to the database's case or padding rules. */
  COLLATION_CLASH,
  /** The database's schema is missing, old, legacy or damaged; nothing was changed. */
  SCHEMA_NOT_READY,
  /** Another process holds the lock a migration needs (or took it over). */
  LOCKED,
  /**
   * The database or search engine is unreachable, refused a statement or request, or kept failing.
   */
  UNAVAILABLE,
  /** What was asked for does not exist (a document id not in the source index). */
  NOT_FOUND,
  /** A document or request larger than the limits or than the memory available. */
  TOO_LARGE,
  /** What was asked cannot be done in the state found (nothing to verify, a refused migration). */
  REFUSED,
  /**
   * An unexpected error: a defect in idminter; report it with the stack trace (IDMINTER_DEBUG=1).
   */
  INTERNAL
}
