package org.idminter.store.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.idminter.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class CsvTableTest {
  private static final List<String> COLUMNS = List.of("A", "B");

  private static List<CsvTable.Line> read(String text) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<CsvTable.Line> read(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("csv-table", ".csv");
    try {
      Files.write(file, bytes);
      List<CsvTable.Line> out = new ArrayList<>();
      try (CsvTable t = CsvTable.open(file, COLUMNS)) {
        for (Optional<CsvTable.Line> l = t.next(); l.isPresent(); l = t.next()) {
          out.add(l.get());
        }
      }
      return out;
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void rowWithOneFieldTooManyIsABadRowNotAShiftedMapping() throws IOException {
    List<CsvTable.Line> lines = read("A,B\nx,y,z\n");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).isInstanceOf(CsvTable.BadRow.class);
    assertThat(((CsvTable.BadRow) lines.get(0)).problem())
        .contains("line 2: 3 field(s), but the header has 2")
        .contains("double quotes");
  }

  @Test
  void shortRowIsABadRowNamingBothCounts() throws IOException {
    CsvTable.BadRow bad = (CsvTable.BadRow) read("x,A,B\n1,2\n").get(0);
    assertThat(bad.problem()).contains("line 2: 2 field(s), but the header has 3");
  }

  @Test
  void columnsInAnyOrderWithExtraColumnsBomAndBlankLines() throws IOException {
    List<CsvTable.Line> lines = read("\uFEFFextra, b ,a\r\n1,\"q,\"\"r\",s\n\n2,\"x\ny\",z\n");
    assertThat(lines)
        .containsExactly(
            new CsvTable.Row(2, List.of("s", "q,\"r")), new CsvTable.Row(4, List.of("z", "x\ny")));
  }

  @Test
  void headerWithoutAColumnOrWithOneTwiceIsRefused() {
    assertThatThrownBy(() -> read("A,C\n1,2\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has no B column");
    assertThatThrownBy(() -> read("A,B,a\n1,2,3\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("names a twice");
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void unclosedQuoteAndBytesThatAreNotUtf8FailTheFile() {
    assertThatThrownBy(() -> read("A,B\n\"open,1\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("check the quoting");
    assertThatThrownBy(() -> read(new byte[] {'A', ',', 'B', '\n', (byte) 0xff, ',', '1', '\n'}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not valid UTF-8");
  }

  @Provide
  Arbitrary<String> csvText() {
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.of(",", "\"", "\"\"", "\n", "\r\n", "\r", "A", "B", "a,b", "\uFEFF", " "),
            Arbitraries.strings().ofMaxLength(5));
    return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  /** Any text at all: rows and bad rows, or our exception; never another exception. */
  @Property(tries = 2000)
  void anyTextGivesLinesOrOurException(@ForAll("csvText") String body, @ForAll boolean header)
      throws IOException {
    String text = (header ? "A,B\n" : "") + body;
    try {
      for (CsvTable.Line l : read(text)) {
        if (l instanceof CsvTable.Row r) {
          assertThat(r.values()).hasSize(2);
        }
        assertThat(l.line()).isPositive();
      }
    } catch (InvalidInputException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 200)
  void quotedRowsOfTheHeadersWidthRoundTrip(@ForAll @Size(2) List<String> values)
      throws IOException {
    String quoted =
        String.join(",", values.stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"").toList());
    assertThat(read("A,B\n" + quoted + "\n")).containsExactly(new CsvTable.Row(2, values));
  }
}
