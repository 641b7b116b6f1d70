package org.idminter.store.testing;

/** The tables the Python id_minter creates on MySQL/MariaDB: latin1, case-insensitive keys. */
public final class PythonSchema {
  private PythonSchema() {}

  /** Creates them in {@code db} (after a reset) with one assigned and one free ID. */
  public static void create(TestDatabase db) {
    db.reset();
    db.execute(
        "CREATE TABLE canonical_ids (CanonicalId varchar(8) NOT NULL, Status ENUM('free','assigned') NOT NULL DEFAULT 'free',"
            + " CreatedAt TIMESTAMP DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (CanonicalId), INDEX idx_free (Status, CanonicalId))"
            + " DEFAULT CHARSET=latin1",
        "CREATE TABLE identifiers (OntologyType varchar(255) NOT NULL, SourceSystem varchar(255) NOT NULL,"
            + " SourceId varchar(255) NOT NULL, CanonicalId varchar(8) NOT NULL, CreatedAt TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
            + " PRIMARY KEY (OntologyType, SourceSystem, SourceId), INDEX idx_canonical (CanonicalId),"
            + " FOREIGN KEY (CanonicalId) REFERENCES canonical_ids (CanonicalId)) DEFAULT CHARSET=latin1",
        "INSERT INTO canonical_ids VALUES ('a2345678', 'assigned', NOW()), ('b2345678', 'free', NOW())",
        "INSERT INTO identifiers VALUES ('Work', 'sierra-system-number', 'b1000001', 'a2345678', NOW())");
  }
}
