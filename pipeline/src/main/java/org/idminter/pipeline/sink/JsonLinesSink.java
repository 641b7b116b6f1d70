package org.idminter.pipeline.sink;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.Writer;
import org.idminter.pipeline.source.JsonLinesSource;

/** Writes one identified work per line, numbers exactly as read. */
public final class JsonLinesSink implements AutoCloseable {
  private final Writer out;
  private final ObjectWriter writer =
      JsonLinesSource.MAPPER.writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  public JsonLinesSink(Writer out) {
    this.out = out;
  }

  public void write(JsonNode document) throws IOException {
    out.write(writer.writeValueAsString(document));
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
