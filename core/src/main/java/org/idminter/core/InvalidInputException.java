package org.idminter.core;

/** A key, canonical ID, file or request that cannot be used as given. */
public final class InvalidInputException extends IdMinterException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(ErrorCode.INVALID_INPUT, message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(ErrorCode.INVALID_INPUT, message, cause);
  }
}
