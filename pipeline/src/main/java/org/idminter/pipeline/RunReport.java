package org.idminter.pipeline;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.IdMinterException;
import org.idminter.core.document.ExactJson;

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

  /** Writes the report as JSON to {@code file}, creating its directory; fails naming the file. */
  public Path write(Path file) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      ExactJson.MAPPER
          .writer()
          .with(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), toMap());
      return file;
    } catch (IOException e) {
      throw new IdMinterException("cannot write the report " + file + ": " + e.getMessage(), e);
    }
  }

  /** The report as JSON-ready maps and lists, in the documented field order. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job_id", jobId);
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
