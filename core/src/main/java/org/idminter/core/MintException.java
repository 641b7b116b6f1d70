package org.idminter.core;

/**
 * A mint call that was refused as a whole: conflicting or missing predecessors, a predecessor
 * cycle, an exhausted pool, or a key that clashes with a stored spelling. Nothing was written.
 */
public final class MintException extends IdMinterException {
  private static final long serialVersionUID = 1L;

  /**
   * @param code why the call was refused (one of the mint codes: conflicting predecessors,
   *     predecessor not found, predecessor cycle, pool exhausted, collation clash)
   */
  public MintException(ErrorCode code, String message) {
    super(code, message);
  }
}
