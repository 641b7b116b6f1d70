package org.idminter.migrate.legacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.idminter.core.IdMinterException;
import org.idminter.core.Secrets;

/**
 * The JSON report every legacy command writes: run id, tool version, mode, source fingerprint,
 * counts per system, refused and skipped rows, timings and outcome.
 */
public final class LegacyReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final long started = System.nanoTime();

  public LegacyReport(String runId, String toolVersion, String mode, String database, Clock clock) {
    fields.put("run_id", runId);
    fields.put("tool_version", toolVersion);
    fields.put("mode", mode);
    fields.put("started_at", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    fields.put("database", database);
  }

  public LegacyReport plan(Plan p) {
    source(p.source());
    fields.put("counts", p.counts());
    fields.put("refused", rows(p.refused()));
    fields.put("steps", p.steps());
    return this;
  }

  public LegacyReport applied(Results.Applied a) {
    source(a.source());
    fields.put("migrated", a.migrated());
    fields.put("skipped", rows(a.skipped()));
    fields.put("step_millis", a.stepMillis());
    return this;
  }

  public LegacyReport verified(Results.Verified v) {
    fields.put("legacy_rows", v.legacyRows());
    fields.put("verified", v.verified());
    fields.put("skipped", v.skipped());
    fields.put("mismatches", v.mismatches());
    return this;
  }

  public LegacyReport put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  public LegacyReport outcome(String outcome, String message) {
    fields.put("outcome", outcome);
    fields.put("message", Secrets.redact(message));
    fields.put("elapsed_millis", (System.nanoTime() - started) / 1_000_000);
    return this;
  }

  /**
   * Writes the report, creating parent directories; a report that cannot be written is an error.
   */
  public Path write(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      JSON.writeValue(file.toFile(), fields);
      return file;
    } catch (IOException e) {
      throw new IdMinterException("cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }

  private void source(Fingerprint f) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("rows", f.rows());
    s.put("checksum", f.checksum());
    fields.put("source_fingerprint", s);
  }

  private static List<Map<String, String>> rows(List<Refusal> refusals) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Refusal r : refusals) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("canonical_id", r.row().canonicalId());
      m.put("ontology_type", r.row().ontologyType());
      m.put("source_system", r.row().sourceSystem());
      m.put("source_id", r.row().sourceId());
      m.put("reason", r.reason());
      out.add(m);
    }
    return out;
  }
}
