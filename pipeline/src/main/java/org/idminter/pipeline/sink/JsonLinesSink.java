package org.idminter.pipeline.sink;

import java.io.IOException;
import java.io.Writer;

/** Writes one identified work per line (the work already written as JSON, numbers as read). */
public final class JsonLinesSink implements AutoCloseable {
  private final Writer out;

  public JsonLinesSink(Writer out) {
    this.out = out;
  }

  public void write(String json) throws IOException {
    out.write(json);
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
