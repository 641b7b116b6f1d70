package org.idminter.pipeline.search;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.idminter.core.InvalidInputException;

/**
 * Which works a run reads: given source document ids, an inclusive window on {@code indexed_at}, or
 * the whole source index (only when asked for explicitly).
 */
public record Scope(
    List<String> ids, Optional<Instant> windowStart, Optional<Instant> windowEnd, boolean full) {
  public Scope {
    ids = List.copyOf(ids);
    int kinds = (ids.isEmpty() ? 0 : 1) + (windowEnd.isPresent() ? 1 : 0) + (full ? 1 : 0);
    if (kinds == 0) {
      throw new InvalidInputException(
          "no scope: give source identifiers, a window (an end time), or full to identify the"
              + " whole source index");
    }
    if (kinds > 1) {
      throw new InvalidInputException(
          "give exactly one scope: source identifiers, a window, or full");
    }
    if (windowStart.isPresent() && windowEnd.isEmpty()) {
      throw new InvalidInputException("a window start needs a window end");
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || ids.get(i).isBlank()) {
        throw new InvalidInputException("source identifier " + (i + 1) + " is blank");
      }
    }
    if (windowStart.isPresent() && windowStart.get().isAfter(windowEnd.get())) {
      throw new InvalidInputException(
          "the window starts (" + windowStart.get() + ") after it ends (" + windowEnd.get() + ")");
    }
  }

  public static Scope ofIds(List<String> ids) {
    if (ids.isEmpty()) {
      throw new InvalidInputException("the list of source identifiers is empty");
    }
    return new Scope(ids, Optional.empty(), Optional.empty(), false);
  }

  /** A window; the start defaults to the end minus 15 minutes. */
  public static Scope window(Optional<Instant> start, Instant end) {
    return new Scope(
        List.of(), Optional.of(start.orElse(end.minusSeconds(15 * 60))), Optional.of(end), false);
  }

  /**
   * A window time as the original service and Elasticsearch read it: an ISO date-time with a zone
   * or offset ({@code 2026-01-31T12:00:00Z}, {@code 2026-01-31T13:00:00+01:00}), or without one,
   * taken as UTC ({@code 2026-01-31T12:00:00}).
   *
   * @param name names the value in the error (an option, a request field)
   */
  public static Instant time(String name, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException withoutZone) {
        throw new InvalidInputException(
            "bad "
                + name
                + " '"
                + text
                + "': expected an ISO date-time like 2026-01-31T12:00:00Z (without a zone it is"
                + " taken as UTC)");
      }
    }
  }

  public static Scope all() {
    return new Scope(List.of(), Optional.empty(), Optional.empty(), true);
  }
}
