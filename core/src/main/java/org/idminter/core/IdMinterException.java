package org.idminter.core;

/**
 * Base of every failure idminter reports to its users. The message always says what happened, the
 * offending value, and (where there is one) what to do about it.
 */
public class IdMinterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public IdMinterException(String message) {
    this(ErrorCode.REFUSED, message);
  }

  public IdMinterException(String message, Throwable cause) {
    this(ErrorCode.REFUSED, message, cause);
  }

  public IdMinterException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public IdMinterException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The kind of failure, for machines (reports, exit codes, the HTTP API). */
  public ErrorCode code() {
    return code;
  }
}
