package org.idminter.core;

/**
 * A mint call that was refused as a whole: conflicting or missing predecessors, a predecessor
 * cycle, an exhausted pool, or a key that clashes with a stored spelling. Nothing was written.
 */
public final class MintException extends IdMinterException {
  private static final long serialVersionUID = 1L;

  /** Why the call was refused; lets callers (the pipeline) classify without parsing text. */
  public enum Reason {
    CONFLICTING_PREDECESSORS,
    PREDECESSOR_NOT_FOUND,
    PREDECESSOR_CYCLE,
    POOL_EXHAUSTED,
    COLLATION_CLASH
  }

  private final Reason reason;

  public MintException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
