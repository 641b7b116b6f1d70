package org.idminter.cli.support;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The database options of the server: it mints, and may read through a cache and a replica. */
public final class ServingDatabaseOptions extends MintingDatabaseOptions {
  @Option(names = "--cache", paramLabel = "URL", description = CachingDatabaseOptions.DESCRIPTION)
  String cache;

  @Option(names = "--db-read", paramLabel = "JDBC_URL", description = READ_DESCRIPTION)
  String readUrl;

  @Override
  Optional<String> cacheUrl() {
    return Optional.ofNullable(cache);
  }

  @Override
  Optional<String> readUrl() {
    return Optional.ofNullable(readUrl);
  }
}
