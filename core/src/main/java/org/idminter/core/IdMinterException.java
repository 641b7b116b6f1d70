package org.idminter.core;

/**
 * Base of every failure idminter reports to its users. The message always says what happened, the
 * offending value, and (where there is one) what to do about it.
 */
public class IdMinterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IdMinterException(String message) {
    super(message);
  }

  public IdMinterException(String message, Throwable cause) {
    super(message, cause);
  }
}
