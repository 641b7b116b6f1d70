package org.idminter.core.id;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.idminter.core.InvalidInputException;

/**
 * New IDs of a scheme, as text: ULIDs (monotonic), flake64 (decimal) or canonical IDs (generated,
 * not claimed from any pool: only minting gives one to a key). One instance keeps each scheme's
 * generator, so the IDs it hands out stay ordered across calls; it is safe across threads.
 */
public final class NewIds {
  /** IDs one call may ask for. */
  public static final int MAX_COUNT = 1_000_000;

  public static final List<String> SCHEMES = List.of("ulid", "flake64", "canonical");

  private final UlidGenerator ulids;
  private final Flake64Generator flakes;
  private final CanonicalIdGenerator canonical;

  public NewIds(InstantSource clock, RandomGenerator random) {
    this.ulids = new UlidGenerator(clock, random);
    this.flakes = new Flake64Generator(clock, random);
    this.canonical = new CanonicalIdGenerator(random);
  }

  /** {@code count} new IDs of {@code scheme} (ulid, flake64 or canonical). */
  public List<String> next(String scheme, int count) {
    String s = scheme.toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(s)) {
      throw new InvalidInputException(
          "unknown scheme '" + scheme + "': give one of " + String.join(", ", SCHEMES));
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new InvalidInputException(
          String.format("bad count %d: give 1 to %,d", count, MAX_COUNT));
    }
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(
          switch (s) {
            case "ulid" -> ulids.next().toString();
            case "flake64" -> flakes.next().toString();
            default -> canonical.next().value();
          });
    }
    return ids;
  }
}
