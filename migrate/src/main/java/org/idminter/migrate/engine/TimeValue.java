package org.idminter.migrate.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a creation time as a migration meets it: a TIMESTAMP or DATETIME (a time without a zone is
 * taken as UTC, whatever the JVM's zone, so every machine reads the same value), ISO-8601 text
 * (with or without a zone) or a number of epoch milliseconds. Anything else, and any time before
 * 1970, is refused with what was found.
 */
public final class TimeValue {
  private TimeValue() {}

  /**
   * Epoch milliseconds of {@code value}; throws {@link IllegalArgumentException} saying why not.
   */
  public static long millis(Object value) {
    long ms;
    if (value instanceof Timestamp t) {
      ms = t.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli();
    } else if (value instanceof LocalDateTime t) {
      ms = t.toInstant(ZoneOffset.UTC).toEpochMilli();
    } else if (value instanceof OffsetDateTime t) {
      ms = t.toInstant().toEpochMilli();
    } else if (value instanceof ZonedDateTime t) {
      ms = t.toInstant().toEpochMilli();
    } else if (value instanceof java.sql.Date d) {
      ms = d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    } else if (value instanceof LocalDate d) {
      ms = d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    } else if (value instanceof Number n) {
      if (n.doubleValue() != Math.rint(n.doubleValue())) {
        throw new IllegalArgumentException(
            "'" + n + "' is not a whole number of epoch milliseconds");
      }
      ms = n.longValue();
    } else if (value instanceof String s) {
      ms = text(s.trim());
    } else if (value == null) {
      throw new IllegalArgumentException("the time is NULL");
    } else {
      throw new IllegalArgumentException(
          "a " + value.getClass().getSimpleName() + " is not a time this migration can read");
    }
    if (ms < 0) {
      throw new IllegalArgumentException(
          "the time "
              + Instant.ofEpochMilli(ms)
              + " is before 1970, which a flake64 or ULID cannot hold");
    }
    return ms;
  }

  private static long text(String s) {
    if (s.matches("-?[0-9]{1,19}")) {
      return Long.parseLong(s);
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // no zone: below
    }
    try {
      return Instant.parse(s).toEpochMilli();
    } catch (DateTimeParseException e) {
      // no zone: below
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      // a date alone: below
    }
    try {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + (s.length() > 40 ? s.substring(0, 40) + "…" : s)
              + "' is not an ISO-8601 time (2024-05-01T12:00:00Z) or epoch milliseconds");
    }
  }
}
