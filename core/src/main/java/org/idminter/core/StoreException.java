package org.idminter.core;

/**
 * The database could not do what was asked: unreachable, refused a statement, or failed after the
 * bounded retries. The transaction was rolled back.
 */
public final class StoreException extends IdMinterException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }

  /** A database failure of a more specific kind (a schema not ready, a lock held too long). */
  public StoreException(ErrorCode code, String message) {
    super(code, message);
  }

  public StoreException(String message) {
    super(ErrorCode.UNAVAILABLE, message);
  }
}
