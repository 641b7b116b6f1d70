package org.idminter.core.id;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;

/**
 * Which ID schemes a value is valid in, with the time embedded in it where the scheme has one:
 * ULID, UUID (with its version; the time of v1, v6 and v7), flake64 in decimal or base32, a qid
 * with its entity type, a canonical ID, a plain integer. A value may be valid in several.
 */
public final class IdDetector {
  /** One scheme a value is valid in. */
  public record Match(String scheme, String detail, Optional<Instant> time) {}

  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  /** 100-ns intervals from the Gregorian calendar's start (1582-10-15) to 1970-01-01. */
  private static final long GREGORIAN_TO_UNIX_100NS = 0x01B21DD213814000L;

  private IdDetector() {}

  public static List<Match> detect(String value) {
    List<Match> out = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return out;
    }
    attempt(
        () -> {
          Ulid u = Ulid.parse(value);
          out.add(new Match("ulid", u.toString(), Optional.of(u.instant())));
        });
    if (UUID.matcher(value).matches()) {
      out.add(uuid(value));
    }
    attempt(
        () -> {
          Flake64 f = Flake64.parse(value);
          out.add(
              new Match(
                  "flake64",
                  value.length() == Flake64.BASE32_LENGTH
                          && !value.chars().allMatch(Character::isDigit)
                      ? "base32, decimal " + f
                      : "decimal, base32 " + f.toBase32(),
                  Optional.of(f.instant())));
        });
    attempt(
        () -> {
          Qid q = Qid.parse(value);
          out.add(new Match("qid", q.entityType(), Optional.empty()));
        });
    // Today's format only: any short lowercase word would pass for an ID minted under older rules.
    if (CanonicalId.isValid(value)) {
      out.add(new Match("canonical", "canonical ID", Optional.empty()));
    }
    if (INTEGER.matcher(value).matches()) {
      out.add(new Match("integer", value.length() > 19 ? "beyond 64 bits" : "", Optional.empty()));
    }
    return out;
  }

  private static Match uuid(String value) {
    String hex = value.replace("-", "");
    long high = Long.parseUnsignedLong(hex.substring(0, 16), 16);
    int version = (int) ((high >>> 12) & 0xF);
    Optional<Instant> time = Optional.empty();
    if (version == 7) {
      time = Optional.of(Instant.ofEpochMilli(high >>> 16));
    } else if (version == 1 || version == 6) {
      long timeLow = high >>> 32;
      long timeMid = (high >>> 16) & 0xFFFF;
      long timeHigh = high & 0x0FFF;
      long ticks =
          version == 1
              ? (timeHigh << 48) | (timeMid << 32) | timeLow
              : ((high >>> 4) & 0x0FFFFFFFFFFFF000L) | timeHigh;
      long since1970 = ticks - GREGORIAN_TO_UNIX_100NS;
      time =
          Optional.of(
              Instant.ofEpochSecond(
                  Math.floorDiv(since1970, 10_000_000L),
                  Math.floorMod(since1970, 10_000_000L) * 100));
    }
    return new Match("uuid", "version " + version, time);
  }

  private static void attempt(Runnable parse) {
    try {
      parse.run();
    } catch (IdMinterException e) {
      // not valid in this scheme: the value is simply not listed under it
    }
  }
}
