package org.idminter.pipeline;

import java.io.IOException;
import java.util.List;

/**
 * Where works come from (JSON Lines, a search index): a batch at a time, in order. A work that
 * cannot be read is returned as {@link Work.Unreadable}, never thrown, so it fails alone.
 */
public interface Source extends AutoCloseable {
  /** Up to {@code count} works; none when the source is exhausted. */
  List<Work> next(int count) throws IOException;

  @Override
  void close() throws IOException;
}
