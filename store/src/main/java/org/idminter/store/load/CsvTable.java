package org.idminter.store.load;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.idminter.core.InvalidInputException;

/**
 * The one CSV front end of idminter ({@code import} and {@code legacy load-csv}): strict UTF-8, an
 * optional byte-order mark, a header naming the wanted columns in any order (case-insensitive,
 * other columns allowed), blank lines skipped, and every row exactly as wide as the header. A row
 * of another width is a {@link BadRow} naming the file, line and both counts: an unquoted comma in
 * a value must never shift the fields after it into the wrong columns. Text that cannot be read as
 * CSV at all (a quote never closed, text after a closing quote, bytes that are not UTF-8) fails the
 * whole file with an {@link InvalidInputException} naming the line.
 *
 * <p>Parsing is Apache Commons CSV's (RFC 4180: fields in double quotes may hold commas, quotes
 * written twice and line breaks).
 */
public final class CsvTable implements AutoCloseable {
  /** A data line: a row, or why it cannot be one. */
  public sealed interface Line permits Row, BadRow {
    long line();
  }

  /** A row's values for the wanted columns, in the order they were asked for. */
  public record Row(long line, List<String> values) implements Line {}

  /** A line whose shape is wrong (its width); {@code problem} names the file and line. */
  public record BadRow(long line, String problem) implements Line {}

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

  private final Path file;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final int width;
  private final int[] at;

  private CsvTable(Path file, CSVParser parser, List<String> columns) {
    this.file = file;
    this.parser = parser;
    this.records = parser.iterator();
    Optional<CSVRecord> header = nextRecord();
    if (header.isEmpty()) {
      throw new InvalidInputException(
          file + " is empty: expected a header naming " + String.join(", ", columns));
    }
    List<String> names = header.get().toList();
    this.width = names.size();
    this.at = columnIndexes(file, names, columns);
  }

  /**
   * Opens {@code file} and reads its header.
   *
   * @throws InvalidInputException when the file cannot be read, is empty, or its header lacks a
   *     wanted column or names one twice
   */
  public static CsvTable open(Path file, List<String> columns) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CSVParser parser;
    try {
      parser =
          CSVParser.builder()
              .setReader(new InputStreamReader(Files.newInputStream(file), decoder))
              .setFormat(FORMAT)
              .get();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    try {
      return new CsvTable(file, parser, columns);
    } catch (RuntimeException e) {
      closeQuietlyAfter(parser, e);
      throw e;
    }
  }

  /** The next data line, blank lines skipped; empty at the end of the file. */
  public Optional<Line> next() {
    while (true) {
      long line = parser.getCurrentLineNumber() + 1;
      Optional<CSVRecord> r = nextRecord();
      if (r.isEmpty()) {
        return Optional.empty();
      }
      CSVRecord record = r.get();
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue; // a blank line
      }
      if (record.size() != width) {
        return Optional.of(
            new BadRow(
                line,
                String.format(
                    "%s line %d: %d field(s), but the header has %d: %s",
                    file,
                    line,
                    record.size(),
                    width,
                    record.size() > width
                        ? "a value holding a comma must be in double quotes"
                        : "every row needs a value (perhaps empty) for every column")));
      }
      List<String> values = new ArrayList<>(at.length);
      for (int i : at) {
        values.add(record.get(i));
      }
      return Optional.of(new Row(line, List.copyOf(values)));
    }
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private Optional<CSVRecord> nextRecord() {
    try {
      return records.hasNext() ? Optional.of(records.next()) : Optional.empty();
    } catch (UncheckedIOException e) {
      throw unreadable(file, e.getCause());
    } catch (IllegalStateException e) {
      // Commons CSV wraps some parse errors in IllegalStateException around an IOException.
      if (e.getCause() instanceof IOException io) {
        throw unreadable(file, io);
      }
      throw e;
    }
  }

  private static int[] columnIndexes(Path file, List<String> header, List<String> columns) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
      Integer earlier = index.putIfAbsent(name, i);
      if (earlier != null && columns.stream().anyMatch(c -> c.equalsIgnoreCase(name))) {
        throw new InvalidInputException(
            file
                + " line 1: the header names "
                + header.get(i).trim()
                + " twice (columns "
                + (earlier + 1)
                + " and "
                + (i + 1)
                + "); keep one");
      }
    }
    int[] at = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Integer col = index.get(columns.get(i).toLowerCase(Locale.ROOT));
      if (col == null) {
        throw new InvalidInputException(
            file
                + " line 1: the header "
                + header
                + " has no "
                + columns.get(i)
                + " column; expected the columns "
                + String.join(", ", columns)
                + " in any order");
      }
      at[i] = col;
    }
    return at;
  }

  private static InvalidInputException unreadable(Path file, Throwable e) {
    if (e instanceof NoSuchFileException) {
      return new InvalidInputException("cannot read " + file + ": no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return new InvalidInputException("cannot read " + file + ": permission denied", e);
    }
    if (e instanceof CharacterCodingException) {
      return new InvalidInputException(
          file + " is not valid UTF-8 text (" + e + "): convert it to UTF-8", e);
    }
    return new InvalidInputException(
        "cannot read " + file + " as CSV: " + e.getMessage() + "; check the quoting", e);
  }

  private static void closeQuietlyAfter(CSVParser parser, RuntimeException failure) {
    try {
      parser.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
