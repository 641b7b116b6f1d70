package org.idminter.migrate.backfill;

import java.util.Optional;
import org.idminter.core.IdMinterException;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.Flake64Sequence;
import org.idminter.core.id.Ulid;
import org.idminter.core.id.UlidSequence;
import org.idminter.migrate.backfill.BackfillSpec.Scheme;

/**
 * The values a backfill writes, in one sequence per run: ULIDs from the run's secret, or flake64
 * values, each at its row's time, strictly increasing in the order rows are filled; continued
 * exactly from the last value a stopped run committed. Also what makes a value already in the
 * column valid.
 */
final class BackfillValues {
  private final Scheme scheme;
  private final long secret;
  private UlidSequence ulids;
  private Flake64Sequence flakes;
  private Optional<String> last;

  BackfillValues(Scheme scheme, long secret, Optional<String> last) {
    this.scheme = scheme;
    this.secret = secret;
    restartAfter(last);
  }

  /** Puts the sequence just after {@code last}, the last value issued (afresh when none). */
  void restartAfter(Optional<String> last) {
    this.last = last;
    if (scheme == Scheme.ULID) {
      ulids =
          last.map(v -> UlidSequence.after(Ulid.parse(v), secret))
              .orElseGet(() -> new UlidSequence(secret));
    } else {
      flakes =
          last.map(v -> Flake64Sequence.after(new Flake64(Long.parseLong(v))))
              .orElseGet(Flake64Sequence::new);
    }
  }

  /** The next value (a ULID's text, or a flake64 as a Long) for a row created at {@code ms}. */
  Object next(long ms) {
    Object v = scheme == Scheme.ULID ? ulids.next(ms).toString() : flakes.next(ms).value();
    last = Optional.of(text(v));
    return v;
  }

  /** A value as the cursor and reports write it. */
  static String text(Object value) {
    return String.valueOf(value);
  }

  /** Why a value already in the column is not a valid one of the scheme, if it is not. */
  static Optional<String> invalid(Scheme scheme, Object held) {
    if (scheme == Scheme.ULID) {
      try {
        Ulid.parse(String.valueOf(held));
        return Optional.empty();
      } catch (IdMinterException e) {
        return Optional.of(e.getMessage());
      }
    }
    if (held instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.doubleValue() >= 0 && n.doubleValue() < 0x1p63
          ? Optional.empty()
          : Optional.of("bad flake64 " + held + ": not a positive 63-bit number");
    }
    return Optional.of("bad flake64 '" + held + "': not a whole number");
  }
}
