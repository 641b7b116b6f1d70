package org.idminter.migrate.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.Secrets;
import org.idminter.core.io.AtomicFile;

/**
 * The JSON report every migration command writes: run id, tool version, mode, database, start time,
 * then what the migration adds (its source fingerprint, counts, refused and skipped rows, step
 * timings) and the outcome with its message and elapsed time. Written beside its target and moved
 * into place, so a reader never sees half a report.
 */
public class MigrationReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final long started = System.nanoTime();

  public MigrationReport(
      String runId, String toolVersion, String mode, String database, Clock clock) {
    fields.put("run_id", runId);
    fields.put("tool_version", toolVersion);
    fields.put("mode", mode);
    fields.put("started_at", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
    fields.put("database", database);
  }

  public MigrationReport put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** The source's fingerprint, as {@code source_fingerprint}. */
  public MigrationReport source(Fingerprint f) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("rows", f.rows());
    s.put("checksum", f.checksum());
    fields.put("source_fingerprint", s);
    return this;
  }

  /** Each step's time in milliseconds, as {@code step_millis}. */
  public MigrationReport timings(Map<String, Long> millis) {
    fields.put("step_millis", millis);
    return this;
  }

  public MigrationReport outcome(String outcome, String message) {
    fields.put("outcome", outcome);
    fields.put("message", Secrets.redact(message));
    fields.put("elapsed_millis", (System.nanoTime() - started) / 1_000_000);
    return this;
  }

  /** The run failed: outcome {@code failed}, the message, and the failure's {@code error_code}. */
  public MigrationReport failed(RuntimeException e) {
    put(
        "error_code",
        e instanceof IdMinterException ie ? ie.code().name() : ErrorCode.INTERNAL.name());
    return outcome("failed", String.valueOf(e.getMessage()));
  }

  /** The report as JSON text, as it is written to its file. */
  public String json() {
    try {
      return JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new IdMinterException("cannot write the report as JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the report, creating parent directories; a report that cannot be written is an error.
   */
  public Path write(Path file) {
    try (AtomicFile out = AtomicFile.prepare(file, true, "the report")) {
      JSON.writeValue(out.stream(), fields);
      out.commit();
      return file;
    } catch (IOException e) {
      throw new IdMinterException("cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }
}
