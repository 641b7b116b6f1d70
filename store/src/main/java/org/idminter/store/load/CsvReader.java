package org.idminter.store.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.idminter.core.InvalidInputException;

/**
 * A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, {@code ""} for
 * a quote inside quotes, line breaks allowed inside quotes. Tracks the line each record starts on.
 */
public final class CsvReader {
  private final BufferedReader in;
  private final String source;
  private long line = 1;

  public record Record(long line, List<String> fields) {}

  public CsvReader(BufferedReader in, String source) {
    this.in = in;
    this.source = source;
  }

  public Optional<Record> next() throws IOException {
    int ch = in.read();
    if (ch == -1) {
      return Optional.empty();
    }
    long start = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (ch == -1) {
          throw new InvalidInputException(
              source + " line " + start + ": a quoted field is never closed");
        }
        if (ch == '"') {
          in.mark(1);
          int nextCh = in.read();
          if (nextCh == '"') {
            field.append('"');
          } else {
            quoted = false;
            in.reset();
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append((char) ch);
        }
      } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (ch == '\n' || ch == -1) {
        line++;
        fields.add(field.toString());
        return Optional.of(new Record(start, fields));
      } else if (ch == '\r') {
        in.mark(1);
        int nextCh = in.read();
        if (nextCh != '\n') {
          in.reset();
        }
        line++;
        fields.add(field.toString());
        return Optional.of(new Record(start, fields));
      } else if (wasQuoted) {
        throw new InvalidInputException(
            source + " line " + start + ": unexpected text after a closing quote");
      } else {
        field.append((char) ch);
      }
      ch = in.read();
    }
  }
}
