package org.idminter.core;

/**
 * The database could not do what was asked: unreachable, refused a statement, or failed after the
 * bounded retries. The transaction was rolled back.
 */
public final class StoreException extends IdMinterException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
