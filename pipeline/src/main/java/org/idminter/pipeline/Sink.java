package org.idminter.pipeline;

import java.io.IOException;
import java.util.List;

/** Where identified works go (JSON Lines, a search index), already written as JSON. */
public interface Sink extends AutoCloseable {
  /** One identified work: where it came from, its key, its canonical ID and its JSON text. */
  record Written(String position, String rowId, String canonicalId, String json) {}

  /**
   * Writes a batch in order; returns the works the target refused, each with why (the rest were
   * written). An exception means the target itself failed, and the run stops.
   */
  List<Refused> write(List<Written> works) throws IOException;

  /** A work the target refused. */
  record Refused(Written work, Failure failure) {}

  @Override
  void close() throws IOException;
}
