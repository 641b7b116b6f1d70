package org.idminter.store.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.idminter.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<CsvReader.Record> read(String text) throws IOException {
    CsvReader r = new CsvReader(new BufferedReader(new StringReader(text)), "t.csv");
    List<CsvReader.Record> out = new ArrayList<>();
    for (Optional<CsvReader.Record> rec = r.next(); rec.isPresent(); rec = r.next()) {
      out.add(rec.get());
    }
    return out;
  }

  @Property
  void quotedFieldsRoundTrip(@ForAll @Size(min = 1, max = 5) List<String> fields)
      throws IOException {
    StringBuilder line = new StringBuilder();
    for (String f : fields) {
      line.append(line.length() == 0 ? "" : ",")
          .append('"')
          .append(f.replace("\"", "\"\""))
          .append('"');
    }
    assertThat(read(line + "\n").get(0).fields()).isEqualTo(fields);
  }

  @Test
  void tracksStartingLinesAcrossQuotedLineBreaksAndCrLf() throws IOException {
    List<CsvReader.Record> records = read("a,b\r\n\"x\ny\",z\nlast,1");
    assertThat(records).extracting(CsvReader.Record::line).containsExactly(1L, 2L, 4L);
    assertThat(records.get(1).fields()).containsExactly("x\ny", "z");
  }

  @Test
  void unterminatedQuoteNamesFileAndLine() {
    assertThatThrownBy(() -> read("a,b\n\"open,1\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("t.csv line 2: a quoted field is never closed");
  }
}
