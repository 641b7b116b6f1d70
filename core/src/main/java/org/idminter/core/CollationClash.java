package org.idminter.core;

/**
 * A requested key that a case-insensitive (or space-padding) database treats as equal to a
 * differently spelled stored key. idminter refuses to guess which record is meant.
 */
public record CollationClash(
    SourceIdentifier requested, SourceIdentifier stored, CanonicalId storedId) {
  public String message() {
    return "key "
        + Text.quote(requested.toString())
        + " matches the stored key "
        + Text.quote(stored.toString())
        + " ("
        + storedId
        + ") only up to case or trailing spaces;"
        + " the database's collation cannot tell them apart: correct the key, or make the database"
        + " compare keys exactly (`idminter schema exact-keys plan`)";
  }
}
