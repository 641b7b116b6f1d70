package org.idminter.serve.http;

import java.util.Locale;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.Secrets;

/**
 * An answer that is not a success: its HTTP status and the body {@code {"error": "…", "detail":
 * "…"}}. The error is a stable word for programs; the detail is a sentence for people, naming the
 * input and what to do.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  public ApiError(int status, String error, String detail) {
    super(Secrets.redact(detail));
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return getMessage();
  }

  public static ApiError badRequest(String detail) {
    return new ApiError(400, "invalid_input", detail);
  }

  public static ApiError notFound(String detail) {
    return new ApiError(404, "not_found", detail);
  }

  /** idminter's own failure as an answer: its code decides the status. */
  public static ApiError of(IdMinterException e) {
    return new ApiError(status(e.code()), e.code().name().toLowerCase(Locale.ROOT), e.getMessage());
  }

  static int status(ErrorCode code) {
    switch (code) {
      case INVALID_INPUT:
        return 400;
      case NOT_FOUND:
        return 404;
      case CONFLICTING_PREDECESSORS:
      case COLLATION_CLASH:
        return 409;
      case TOO_LARGE:
        return 413;
      case PREDECESSOR_NOT_FOUND:
      case PREDECESSOR_CYCLE:
      case REFUSED:
        return 422;
      case POOL_EXHAUSTED:
      case SCHEMA_NOT_READY:
      case LOCKED:
      case UNAVAILABLE:
        return 503;
      default:
        return 500;
    }
  }
}
