package org.idminter.pipeline.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.InvalidInputException;
import org.idminter.core.document.ExactJson;
import org.idminter.pipeline.Source;
import org.idminter.pipeline.Work;

/**
 * Reads one work per line of UTF-8 JSON. A line that is not valid UTF-8, not JSON, holds a key
 * twice, nests deeper than the limit, is larger than the limit or does not fit in memory becomes an
 * unreadable work naming its line; the next line is read as usual. Memory is bounded by the size
 * limit: an oversized line is skipped, not held. Numbers keep the characters they were written with
 * ({@link ExactJson}).
 */
public final class JsonLinesSource implements Source {
  private final InputStream in;
  private final long maxBytes;
  private final ExactJson json;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buffer = new byte[1 << 16];
  private int position;
  private int limit;
  private byte[] lineBytes = new byte[1 << 12];
  private long line;
  private boolean eof;

  /**
   * Heap a run needs to hold one document of {@code maxBytes}: its bytes, its text, the parser's
   * buffer, the tree and the line written back (measured: a 50 MB line needs 300-400 MB of heap),
   * plus room for the rest of the run.
   */
  public static long heapNeeded(long maxBytes) {
    return COPIES_HELD * maxBytes + BASE_HEAP;
  }

  /** The largest document limit {@code heap} bytes can hold ({@link #heapNeeded} inverted). */
  public static long largestLimitFor(long heap) {
    return Math.max(0, (heap - BASE_HEAP) / COPIES_HELD);
  }

  private static final long COPIES_HELD = 8;
  private static final long BASE_HEAP = 64L * 1024 * 1024;

  public JsonLinesSource(InputStream in, long maxBytes, int maxDepth) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.json = new ExactJson(maxDepth);
  }

  @Override
  public List<Work> next(int count) throws IOException {
    List<Work> works = new ArrayList<>(count);
    while (works.size() < count && !eof) {
      long length;
      try {
        length = readLine();
      } catch (OutOfMemoryError e) {
        lineBytes = new byte[1 << 12];
        skipRestOfLine();
        line++;
        works.add(Work.unreadable("line " + line, ErrorCode.TOO_LARGE, tooBigForMemory()));
        continue;
      }
      if (length == 0 && eof) {
        break;
      }
      line++;
      String position = "line " + line;
      if (length > maxBytes) {
        works.add(
            Work.unreadable(
                position,
                ErrorCode.TOO_LARGE,
                String.format(
                    "the document is %,d bytes long, more than the limit of %,d bytes",
                    length, maxBytes)));
        continue;
      }
      parse(position, (int) length).ifPresent(works::add);
    }
    return works;
  }

  /** The line's work; empty for a blank line. */
  private Optional<Work> parse(String position, int length) {
    try {
      String text = utf8.decode(ByteBuffer.wrap(lineBytes, 0, length)).toString();
      if (text.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(Work.of(position, json.read(text)));
    } catch (CharacterCodingException e) {
      return Optional.of(Work.unreadable(position, ErrorCode.INVALID_INPUT, notUtf8(length)));
    } catch (InvalidInputException e) {
      return Optional.of(Work.unreadable(position, e.code(), e.getMessage()));
    } catch (OutOfMemoryError e) {
      return Optional.of(Work.unreadable(position, ErrorCode.TOO_LARGE, tooBigForMemory()));
    }
  }

  /** Where in the line the first byte that is not UTF-8 is, for the message. */
  private String notUtf8(int length) {
    CharsetDecoder probe =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.wrap(lineBytes, 0, length);
    CharBuffer chars = CharBuffer.allocate(length);
    probe.decode(bytes, chars, true);
    int at = bytes.position();
    return String.format(
        "not valid UTF-8: byte 0x%02X at byte %d of the line; the file must be UTF-8",
        lineBytes[at] & 0xFF, at + 1);
  }

  private String tooBigForMemory() {
    return String.format(
        "the document does not fit in the memory available (maximum heap %,d MB): give the JVM"
            + " more memory or lower the document size limit",
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  /**
   * Reads the next line's bytes (without the line break) into {@link #lineBytes}, keeping at most
   * {@code maxBytes} of them; returns the line's full length.
   */
  private long readLine() throws IOException {
    long length = 0;
    while (true) {
      if (position == limit && !fill()) {
        eof = true;
        return trimCr(length);
      }
      int start = position;
      int end = start;
      while (end < limit && buffer[end] != '\n') {
        end++;
      }
      keep(start, end, length);
      length += end - start;
      position = end;
      if (end < limit) {
        position++; // the line break
        return trimCr(length);
      }
    }
  }

  private long trimCr(long length) {
    if (length > 0 && length <= maxBytes && lineBytes[(int) length - 1] == '\r') {
      return length - 1;
    }
    return length;
  }

  private void keep(int start, int end, long already) {
    if (already >= maxBytes || end == start) {
      return;
    }
    int n = (int) Math.min(end - start, maxBytes - already);
    int needed = (int) already + n;
    if (needed > lineBytes.length) {
      lineBytes =
          Arrays.copyOf(
              lineBytes, (int) Math.min(maxBytes, Math.max(needed, 2L * lineBytes.length)));
    }
    System.arraycopy(buffer, start, lineBytes, (int) already, n);
  }

  private void skipRestOfLine() throws IOException {
    while (true) {
      if (position == limit && !fill()) {
        eof = true;
        return;
      }
      while (position < limit) {
        if (buffer[position++] == '\n') {
          return;
        }
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
