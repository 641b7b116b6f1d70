package org.idminter.pipeline;

import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.Secrets;

/**
 * A work that was not written, the stage it failed at, what kind of failure it is, and why (at most
 * 500 characters).
 */
public record Failure(String rowId, Stage stage, ErrorCode code, String detail) {
  public static final int MAX_DETAIL = 500;

  /** Where a work failed. */
  public enum Stage {
    /** No usable state.sourceIdentifier (or not a JSON object at all). */
    EXTRACT_ID,
    /** A bad node, a missing predecessor, conflicting predecessors, a collation clash. */
    EMBED,
    /** The identified work could not be written out (its canonical IDs are kept). */
    WRITE,
    /** The target refused the document. */
    INDEX;

    public String wireName() {
      return name().toLowerCase();
    }
  }

  /** A failure of the kind its stage usually has: bad input, or a target that refused the work. */
  public Failure(String rowId, Stage stage, String detail) {
    this(rowId, stage, stage == Stage.INDEX ? ErrorCode.REFUSED : ErrorCode.INVALID_INPUT, detail);
  }

  /** A failure with the kind the exception says. */
  public static Failure of(String rowId, Stage stage, IdMinterException e) {
    return new Failure(rowId, stage, e.code(), e.getMessage());
  }

  public Failure {
    detail = Secrets.redact(detail);
    detail = detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
  }
}
