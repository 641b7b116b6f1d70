package org.idminter.cli.support;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The database options of a command that only reads: it may read from a replica first. */
public class ReadingDatabaseOptions extends DatabaseOptions {
  @Option(names = "--db-read", paramLabel = "JDBC_URL", description = READ_DESCRIPTION)
  String readUrl;

  @Override
  Optional<String> readUrl() {
    return Optional.ofNullable(readUrl);
  }
}
