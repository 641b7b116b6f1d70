package org.idminter.store.pool;

import java.util.Locale;
import org.idminter.core.InvalidInputException;

/**
 * Where a mint takes the canonical IDs it hands out (setting {@code IDMINTER_ID_SOURCE}, option
 * {@code --id-source}; unset, the database's default: {@code Dialect#insertsNewIdsByDefault}).
 */
public enum IdSource {
  /**
   * Claims free IDs generated ahead of time in {@code canonical_ids} (a walk, a locking read that
   * skips IDs other minters hold, an UPDATE of those used): what a database shared with other
   * minters that claim from the pool (the Python id_minter) needs.
   */
  POOL,

  /**
   * Generates each new ID inside the mint's transaction and inserts it once, as assigned; an ID
   * that exists already (free or assigned) is caught by the primary key and the transaction runs
   * again with other IDs. Pool exhaustion cannot fail a mint; the pool is not used.
   */
  CLAIM,

  /** Not set: the database's own default. */
  DEFAULT;

  /** The setting's value as users write it: {@code pool} or {@code claim}. */
  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code pool} or {@code claim}, failing with a message naming the value. */
  public static IdSource parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("pool")) {
      return POOL;
    }
    if (v.equals("claim")) {
      return CLAIM;
    }
    throw new InvalidInputException(
        "bad ID source '"
            + value
            + "': expected 'pool' (claim free IDs generated ahead of time) or 'claim' (generate"
            + " each new ID inside the mint and insert it as assigned)");
  }
}
