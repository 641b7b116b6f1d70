package org.idminter.cli.support;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The database options of a command that reads mappings: it may read them through a cache, and from
 * a replica.
 */
public class CachingDatabaseOptions extends ReadingDatabaseOptions {
  static final String DESCRIPTION =
      "Read through a cache: redis://HOST:PORT[/DB] (a Valkey/Redis server shared by every"
          + " process, with an in-process cache in front) or memory (env IDMINTER_CACHE_URL;"
          + " default: none). A cache that is down only slows reads down.";

  @Option(names = "--cache", paramLabel = "URL", description = DESCRIPTION)
  String cache;

  @Override
  Optional<String> cacheUrl() {
    return Optional.ofNullable(cache);
  }
}
