package org.idminter.core;

/** A key, canonical ID, file or request that cannot be used as given. */
public final class InvalidInputException extends IdMinterException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
