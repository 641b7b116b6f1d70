package org.idminter.core.id;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.idminter.core.CanonicalId;

/**
 * Draws canonical IDs uniformly per position from an injected random source. The CLI and the Lambda
 * handler inject a {@link java.security.SecureRandom}; tests inject a seeded one. Uniqueness is not
 * this class's job: the database's primary key guarantees it.
 */
public final class CanonicalIdGenerator {
  private static final char[] FIRST = CanonicalId.FIRST_ALPHABET.toCharArray();
  private static final char[] REST = CanonicalId.ALPHABET.toCharArray();

  private final RandomGenerator random;

  public CanonicalIdGenerator(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  public CanonicalId next() {
    char[] chars = new char[CanonicalId.LENGTH];
    chars[0] = FIRST[random.nextInt(FIRST.length)];
    for (int i = 1; i < chars.length; i++) {
      chars[i] = REST[random.nextInt(REST.length)];
    }
    return new CanonicalId(new String(chars));
  }

  public List<CanonicalId> next(int count) {
    List<CanonicalId> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(next());
    }
    return ids;
  }
}
