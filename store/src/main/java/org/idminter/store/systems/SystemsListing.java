package org.idminter.store.systems;

import java.time.Instant;
import java.util.List;

/** Source systems in use with their mapping counts, and the aliases recorded. */
public record SystemsListing(List<SystemCount> systems, List<Alias> aliases) {
  public SystemsListing {
    systems = List.copyOf(systems);
    aliases = List.copyOf(aliases);
  }

  public record SystemCount(String system, long rows) {}

  public record Alias(String alias, String canonical, String runId, Instant at) {}
}
