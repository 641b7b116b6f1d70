package org.idminter.pipeline.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.idminter.pipeline.Work;

/**
 * Reads one work per line. A line that is not JSON, nests deeper than the limit or is larger than
 * the limit becomes an unreadable work naming its line; the next line is read as usual. Memory is
 * bounded by the size limit: an oversized line is skipped, not held.
 */
public final class JsonLinesSource implements AutoCloseable {
  /**
   * Numbers read exactly (big integers, decimals with their scale) so they are written back
   * unchanged.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .build();

  private final Reader in;
  private final long maxChars;
  private final ObjectMapper mapper;
  private long line;
  private boolean eof;

  public JsonLinesSource(Reader in, long maxChars, int maxDepth) {
    this.in = in;
    this.maxChars = maxChars;
    this.mapper = MAPPER.copy();
    this.mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxChars))
                .build());
  }

  /** Up to {@code count} works (fewer at the end of input; none when it is exhausted). */
  public List<Work> next(int count) throws IOException {
    List<Work> works = new ArrayList<>(count);
    while (works.size() < count && !eof) {
      StringBuilder text = new StringBuilder();
      long length = 0;
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (length++ < maxChars) {
          text.append((char) c);
        }
      }
      if (c == -1) {
        eof = true;
        if (length == 0) {
          break;
        }
      }
      line++;
      String position = "line " + line;
      if (length > maxChars) {
        works.add(
            Work.unreadable(
                position,
                String.format(
                    "the document is %,d characters long, more than the limit of"
                        + " %,d (--max-document-mb)",
                    length, maxChars)));
        continue;
      }
      String json = text.toString().strip();
      if (json.isEmpty()) {
        continue;
      }
      try {
        works.add(Work.of(position, mapper.readTree(json)));
      } catch (JsonProcessingException e) {
        works.add(Work.unreadable(position, "not valid JSON: " + e.getOriginalMessage()));
      } catch (StackOverflowError e) {
        works.add(Work.unreadable(position, "the document nests too deeply to read"));
      }
    }
    return works;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
