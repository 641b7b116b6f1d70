package org.idminter.pipeline;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.Secrets;
import org.idminter.core.document.ExactJson;
import org.idminter.core.io.AtomicFile;

/**
 * A run's report: job id, window (when there is one), exact success and failure counts, the
 * canonical IDs of the works written, and the first 1,000 failures.
 */
public final class RunReport {
  public static final int MAX_LISTED_ERRORS = 1000;

  private final String jobId;
  private final Optional<Map<String, String>> window;
  private long successCount;
  private long failureCount;
  private final List<String> successfulIds = new ArrayList<>();
  private final List<Failure> errors = new ArrayList<>();
  private Optional<RuntimeException> fatal = Optional.empty();

  public RunReport(String jobId, Optional<Map<String, String>> window) {
    this.jobId = jobId;
    this.window = window;
  }

  public void succeeded(String canonicalId) {
    successCount++;
    successfulIds.add(canonicalId);
  }

  public void failed(Failure failure) {
    failureCount++;
    if (errors.size() < MAX_LISTED_ERRORS) {
      errors.add(failure);
    }
  }

  /** The run stopped: what made it stop goes into the report, whose outcome becomes failed. */
  public void stopped(RuntimeException e) {
    fatal = Optional.of(e);
  }

  /** succeeded (every work written), partial (some failed alone) or failed (the run stopped). */
  public String outcome() {
    return fatal.isPresent() ? "failed" : failureCount > 0 ? "partial" : "succeeded";
  }

  public String jobId() {
    return jobId;
  }

  public long successCount() {
    return successCount;
  }

  public long failureCount() {
    return failureCount;
  }

  public List<Failure> errors() {
    return List.copyOf(errors);
  }

  /** Writes the report as JSON into {@code file} and moves it into place. */
  public Path write(AtomicFile file) {
    try {
      ExactJson.MAPPER
          .writer()
          .with(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.stream(), toMap());
    } catch (IOException e) {
      throw new IdMinterException(
          "cannot write the report " + file.target() + ": " + e.getMessage(), e);
    }
    file.commit();
    return file.target();
  }

  /** The report as JSON-ready maps and lists, in the documented field order. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job_id", jobId);
    out.put("outcome", outcome());
    fatal.ifPresent(
        e -> {
          out.put(
              "error_code",
              (e instanceof IdMinterException ie ? ie.code() : ErrorCode.INTERNAL).name());
          out.put("message", Secrets.redact(String.valueOf(e.getMessage())));
        });
    window.ifPresent(w -> out.put("window", w));
    out.put("success_count", successCount);
    out.put("failure_count", failureCount);
    out.put("successful_ids", successfulIds);
    List<Map<String, String>> listed = new ArrayList<>();
    for (Failure f : errors) {
      Map<String, String> e = new LinkedHashMap<>();
      e.put("row_id", f.rowId());
      e.put("stage", f.stage().wireName());
      e.put("code", f.code().name());
      e.put("detail", f.detail());
      listed.add(e);
    }
    out.put("errors", listed);
    return out;
  }
}
