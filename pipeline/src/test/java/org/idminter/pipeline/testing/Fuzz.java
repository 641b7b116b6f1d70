package org.idminter.pipeline.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idminter.core.CanonicalId;
import org.idminter.core.InvalidInputException;
import org.idminter.core.Minter;
import org.idminter.core.ProgressListener;
import org.idminter.core.SourceIdentifier;
import org.idminter.pipeline.IdentifyRun;
import org.idminter.pipeline.RunReport;
import org.idminter.pipeline.sink.JsonLinesSink;
import org.idminter.pipeline.source.JsonLinesSource;
import org.idminter.store.IdStore;
import org.idminter.store.load.ImportResult;

/**
 * Runs hostile works through identify and hostile CSV files through import, and counts what went
 * wrong: crashes (an exception other than idminter's own), lost works or rows (neither written nor
 * reported), changed bytes (a written work whose tokens differ from the input's beyond the
 * canonical ID idminter adds; numbers compared by their characters) and misjudged inputs (a good
 * one refused, a bad one accepted). Every count must be 0.
 */
public final class Fuzz {
  private static final int SHOWN = 10;
  private static final JsonFactory TOKENS =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(1 << 16)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxStringLength(Integer.MAX_VALUE)
                  .build())
          .build();
  private static final Pattern BAD_ROWS = Pattern.compile(": (\\d+) bad row\\(s\\) of (\\d+)");
  private static final Pattern LINE = Pattern.compile(" line (\\d+): ");

  /** What a run found. */
  public record Findings(
      long inputs, long crashes, long lost, long changed, long misjudged, List<String> examples) {
    public boolean clean() {
      return crashes == 0 && lost == 0 && changed == 0 && misjudged == 0;
    }
  }

  private Fuzz() {}

  public static Findings works(Minter minter, List<HostileWorks.Case> cases) {
    List<String> examples = new ArrayList<>();
    StringWriter out = new StringWriter();
    RunReport report = new RunReport("fuzz", Optional.empty());
    try (JsonLinesSource source =
            new JsonLinesSource(
                new ByteArrayInputStream(HostileWorks.jsonLines(cases)),
                HostileWorks.MAX_BYTES,
                HostileWorks.MAX_DEPTH);
        JsonLinesSink sink = new JsonLinesSink(out)) {
      new IdentifyRun(minter, 500).run(source, sink, report, ProgressListener.NONE);
    } catch (RuntimeException | IOException e) {
      examples.add("identify crashed: " + e);
      return new Findings(cases.size(), 1, cases.size(), 0, 0, examples);
    }
    Map<String, String> written = new HashMap<>();
    for (String line : out.toString().split("\n")) {
      if (!line.isEmpty()) {
        written.put(workValue(line), line);
      }
    }
    long lost = cases.size() - report.successCount() - report.failureCount();
    long changed = 0;
    long misjudged = 0;
    for (HostileWorks.Case c : cases) {
      String line = c.good() ? written.get(c.workValue()) : null;
      if (c.good() && line == null) {
        misjudged++;
        note(examples, "good work " + c.index() + " (" + c.kind() + ") not written");
      } else if (!c.good() && written.containsKey(c.workValue())) {
        misjudged++;
        note(examples, "bad work " + c.index() + " (" + c.kind() + ") written");
      } else if (line != null && !tokens(c.line(), false).equals(tokens(utf8(line), true))) {
        changed++;
        note(examples, "work " + c.index() + " changed: " + line);
      }
    }
    if (report.successCount() != written.size()) {
      lost += Math.abs(report.successCount() - written.size());
      note(examples, report.successCount() + " reported written, " + written.size() + " found");
    }
    return new Findings(cases.size(), 0, lost, changed, misjudged, examples);
  }

  public static Findings csv(IdStore store, Path dir, List<HostileCsv.File> files) {
    List<String> examples = new ArrayList<>();
    long rows = 0;
    long crashes = 0;
    long lost = 0;
    long changed = 0;
    long misjudged = 0;
    for (HostileCsv.File f : files) {
      rows += f.rows().size();
      Path file = dir.resolve("hostile-" + f.index() + ".csv");
      try {
        Files.writeString(file, f.text(), StandardCharsets.UTF_8);
        long before = store.pool().status().assigned();
        try {
          ImportResult r = store.importer().importCsv(file, ProgressListener.NONE);
          if (f.bad() > 0) {
            misjudged += f.bad();
            note(examples, file + ": " + f.bad() + " bad rows imported");
          }
          if (r.contradictions().size() != f.contradicting()) {
            misjudged += Math.abs(r.contradictions().size() - f.contradicting());
            note(
                examples,
                file
                    + ": contradictions "
                    + r.contradictions()
                    + ", expected "
                    + f.contradicting());
          }
          long accounted = r.inserted() + r.unchanged() + r.contradictions().size();
          lost += Math.max(0, f.rows().size() - accounted);
          changed += changedRows(store, f, contradicted(r), examples);
        } catch (InvalidInputException e) {
          Matcher m = BAD_ROWS.matcher(e.getMessage());
          if (f.bad() == 0 || !m.find() || Long.parseLong(m.group(1)) != f.bad()) {
            misjudged += Math.max(1, f.bad());
            note(examples, file + " (" + f.bad() + " bad rows): " + e.getMessage());
          }
          if (store.pool().status().assigned() != before) {
            lost++;
            note(examples, file + ": a refused import wrote rows");
          }
        }
      } catch (RuntimeException | IOException e) {
        crashes++;
        note(examples, file + " crashed: " + e);
      }
    }
    return new Findings(rows, crashes, lost, changed, misjudged, examples);
  }

  /** Lines the import reported as contradicting the database: kept out, and said so. */
  private static java.util.Set<Integer> contradicted(ImportResult r) {
    java.util.Set<Integer> lines = new java.util.HashSet<>();
    for (String c : r.contradictions()) {
      Matcher m = LINE.matcher(c);
      if (m.find()) {
        lines.add(Integer.parseInt(m.group(1)));
      }
    }
    return lines;
  }

  /** Rows the import took in must read back exactly: their key finds the ID the file gives. */
  private static long changedRows(
      IdStore store,
      HostileCsv.File f,
      java.util.Set<Integer> contradicted,
      List<String> examples) {
    long changed = 0;
    for (int i = 0; i < f.rows().size(); i++) {
      HostileCsv.Row row = f.rows().get(i);
      if (contradicted.contains(i + 2)) { // line 1 is the header; no row spans lines
        continue;
      }
      SourceIdentifier key = SourceIdentifier.parse(row.key());
      Map<SourceIdentifier, CanonicalId> found = store.minter().lookup(List.of(key)).found();
      if (!new CanonicalId(row.canonicalId()).equals(found.get(key))) {
        changed++;
        note(
            examples, row.key() + " -> " + found.get(key) + ", the file says " + row.canonicalId());
      }
    }
    return changed;
  }

  private static String workValue(String line) {
    try (JsonParser p = TOKENS.createParser(line)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("value")) {
          p.nextToken();
          return p.getText();
        }
      }
      return "";
    } catch (IOException e) {
      return "unreadable output: " + e.getMessage();
    }
  }

  /**
   * A document as tokens: structure, field names, strings as decoded and numbers as written. In
   * output, the canonicalId field idminter adds to the work's state is left out.
   */
  private static List<String> tokens(byte[] json, boolean output) {
    List<String> out = new ArrayList<>();
    try (JsonParser p = TOKENS.createParser(json)) {
      boolean skippedId = !output;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (!skippedId && t == JsonToken.FIELD_NAME && p.currentName().equals("canonicalId")) {
          p.nextToken();
          skippedId = true;
          continue;
        }
        out.add(
            t.name() + (t.isScalarValue() || t == JsonToken.FIELD_NAME ? " " + p.getText() : ""));
      }
    } catch (IOException e) {
      out.add("unreadable: " + e.getMessage());
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void note(List<String> examples, String what) {
    if (examples.size() < SHOWN) {
      examples.add(what.length() > 300 ? what.substring(0, 300) + "…" : what);
    }
  }
}
