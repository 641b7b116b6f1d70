package org.idminter.cli.support;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The database options of the server: it mints, and may read through a cache. */
public final class ServingDatabaseOptions extends MintingDatabaseOptions {
  @Option(names = "--cache", paramLabel = "URL", description = CachingDatabaseOptions.DESCRIPTION)
  String cache;

  @Override
  Optional<String> cacheUrl() {
    return Optional.ofNullable(cache);
  }
}
