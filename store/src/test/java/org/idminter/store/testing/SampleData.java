package org.idminter.store.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;

/** The repository's copy of the 10,000 real identifiers (examples/identifiers_sample.csv). */
public final class SampleData {
  private SampleData() {}

  public static Path sampleCsv() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples").resolve("identifiers_sample.csv");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "examples/identifiers_sample.csv not found above " + Path.of("").toAbsolutePath());
  }

  /** The sample's mappings, read independently of idminter's own CSV reader. */
  public static Map<SourceIdentifier, CanonicalId> sampleMappings() {
    try {
      List<String> lines = Files.readAllLines(sampleCsv(), StandardCharsets.UTF_8);
      List<String> header = split(lines.get(0));
      Map<SourceIdentifier, CanonicalId> out = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        List<String> f = split(line);
        out.put(
            new SourceIdentifier(
                f.get(header.indexOf("OntologyType")),
                f.get(header.indexOf("SourceSystem")),
                f.get(header.indexOf("SourceId"))),
            new CanonicalId(f.get(header.indexOf("CanonicalId"))));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        f.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    fields.add(f.toString());
    return fields;
  }
}
