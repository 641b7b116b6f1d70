package org.idminter.cli.support;

import picocli.CommandLine.Option;

/** The database options of a command that writes: it may bring the schema up to date first. */
public class WritingDatabaseOptions extends DatabaseOptions {
  @Option(
      names = "--apply-migrations",
      description =
          "Bring the schema up to date first (env APPLY_MIGRATIONS=true; default: false, except on"
              + " the embedded database, which is always brought up to date).")
  boolean applyMigrations;

  @Override
  boolean applyMigrations() {
    return applyMigrations;
  }
}
