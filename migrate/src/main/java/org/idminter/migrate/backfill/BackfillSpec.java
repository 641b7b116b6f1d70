package org.idminter.migrate.backfill;

import java.util.Locale;
import java.util.Optional;
import org.idminter.core.InvalidInputException;
import org.idminter.migrate.engine.Checksum;

/**
 * What a backfill does: which table gets which column, holding IDs of which scheme, with their time
 * part from which column (else the run's start). Names are plain SQL identifiers (letters, digits,
 * _), checked here so they can be written into statements.
 */
public record BackfillSpec(
    String table, String column, Scheme scheme, Optional<String> timeColumn) {

  /** The ID schemes a backfill writes. */
  public enum Scheme {
    /** 26-character ULIDs in a CHAR(26) column. */
    ULID,
    /** 64-bit time-sorted IDs in a BIGINT column. */
    FLAKE64;

    /** {@code ulid} or {@code flake64}, in any case. */
    public static Scheme parse(String text) {
      for (Scheme s : values()) {
        if (s.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
          return s;
        }
      }
      throw new InvalidInputException(
          "unknown scheme '" + text + "': a backfill writes ulid or flake64 values");
    }

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BackfillSpec {
    name("--table", table);
    name("--column", column);
    timeColumn.ifPresent(t -> name("--time-column", t));
    if (timeColumn.isPresent() && timeColumn.get().equalsIgnoreCase(column)) {
      throw new InvalidInputException(
          "--time-column names the column being filled ("
              + column
              + "): name the column that holds each row's creation time");
    }
  }

  private static void name(String option, String value) {
    if (value == null || !value.matches("[A-Za-z_][A-Za-z0-9_]{0,59}")) {
      throw new InvalidInputException(
          option
              + " '"
              + value
              + "' is not a plain SQL name: letters, digits and _ (not first), at most 60");
    }
  }

  /** The spec in words, for reports and messages. */
  public String identity() {
    return table
        + "."
        + column
        + " "
        + scheme.word()
        + timeColumn.map(t -> " time " + t).orElse(" time: the run's start");
  }

  /** The digest that names the spec in a run's facts (case-insensitive names). */
  String digest() {
    Checksum c = new Checksum();
    c.add(identity().toLowerCase(Locale.ROOT));
    return c.fingerprint().checksum();
  }
}
