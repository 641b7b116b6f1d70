package org.idminter.store.registry;

import java.util.List;
import java.util.Optional;
import org.idminter.core.id.IdMapping;

/** Values resolved through the registry, in the order asked (each once). */
public record Resolution(List<Entry> entries) {
  public Resolution {
    entries = List.copyOf(entries);
  }

  /** How a value was read: an external ID to resolve to its internal ID, or the reverse. */
  public enum Direction {
    EXTERNAL_TO_INTERNAL,
    INTERNAL_TO_EXTERNAL
  }

  /** One value and its mapping, or empty when it has none. */
  public record Entry(String value, Direction direction, Optional<IdMapping> mapping) {
    /** The other side of the mapping as text (decimal internal ID or external ID), if found. */
    public Optional<String> answer() {
      return mapping.map(
          m ->
              direction == Direction.EXTERNAL_TO_INTERNAL
                  ? m.internalId().toString()
                  : m.externalId().toString());
    }
  }

  public long missing() {
    return entries.stream().filter(e -> e.mapping().isEmpty()).count();
  }
}
