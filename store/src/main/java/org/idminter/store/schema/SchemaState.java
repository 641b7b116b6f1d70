package org.idminter.store.schema;

/** What idminter found in the database, and whether it can be used as it is. */
public record SchemaState(Shape shape, String currentVersion, String latestVersion) {
  /** The shapes a database can be in. */
  public enum Shape {
    /** No idminter or id_minter tables. */
    EMPTY,
    /**
     * canonical_ids and identifiers exist (e.g. created by the Python id_minter) without Flyway
     * history.
     */
    UNVERSIONED,
    /** Managed by idminter's migrations. */
    VERSIONED,
    /** A single 1:1 identifiers table without canonical_ids: must be migrated first. */
    LEGACY
  }

  public boolean isCurrent() {
    return shape == Shape.VERSIONED && currentVersion.equals(latestVersion);
  }

  /** The schema is at {@code version} or later (versions are whole numbers). */
  public boolean atLeast(int version) {
    if (shape != Shape.VERSIONED) {
      return false;
    }
    try {
      return Integer.parseInt(currentVersion) >= version;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** canonical_ids and identifiers are there, so lookups and pool operations work. */
  public boolean hasCoreTables() {
    return shape == Shape.VERSIONED || shape == Shape.UNVERSIONED;
  }
}
