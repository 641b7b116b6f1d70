package org.idminter.store.cache;

/** The kinds of mapping the cache holds, each under its own key prefix. */
public enum Space {
  /** A source key (normalised) to its canonical ID. */
  CANONICAL("k"),
  /** A registry external ID to its internal ID (decimal). */
  EXTERNAL("e"),
  /** A registry internal ID (decimal) to its external ID. */
  INTERNAL("i");

  final String tag;

  Space(String tag) {
    this.tag = tag;
  }
}
