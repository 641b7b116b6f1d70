package org.idminter.pipeline.sink;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.idminter.pipeline.Sink;

/** Writes one identified work per line, in order; refuses none. */
public final class JsonLinesSink implements Sink {
  private final Writer out;

  public JsonLinesSink(Writer out) {
    this.out = out;
  }

  @Override
  public List<Refused> write(List<Written> works) throws IOException {
    for (Written w : works) {
      out.write(w.json());
      out.write('\n');
    }
    return List.of();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
