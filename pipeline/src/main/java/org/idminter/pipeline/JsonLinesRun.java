package org.idminter.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.idminter.core.IdMinterException;
import org.idminter.core.Minter;
import org.idminter.core.document.ExactJson;
import org.idminter.pipeline.sink.JsonLinesSink;
import org.idminter.pipeline.source.JsonLinesSource;
import org.idminter.store.pool.ProgressListener;

/**
 * identify on JSON Lines: reads works a chunk at a time, identifies them, writes the identified
 * ones in input order (failed works left out) and fills the report. Memory is bounded by a chunk.
 */
public final class JsonLinesRun {
  private final BatchIdentifier identifier;
  private final int batchSize;

  public JsonLinesRun(Minter minter, int batchSize) {
    if (batchSize < 1) {
      throw new org.idminter.core.InvalidInputException(
          "bad --batch-size " + batchSize + ": must be at least 1");
    }
    this.identifier = new BatchIdentifier(minter);
    this.batchSize = batchSize;
  }

  /** Runs to the end of the input; the caller closes source and sink. */
  public RunReport run(
      JsonLinesSource source, JsonLinesSink sink, RunReport report, ProgressListener progress)
      throws IOException {
    long done = 0;
    for (List<Work> works = source.next(batchSize);
        !works.isEmpty();
        works = source.next(batchSize)) {
      for (Outcome o : identifier.identify(works)) {
        if (o instanceof Outcome.Identified identified) {
          Optional<String> json = written(identified, report);
          if (json.isPresent()) {
            sink.write(json.get());
            report.succeeded(identified.canonicalId());
          }
        } else {
          report.failed(((Outcome.Failed) o).failure());
        }
      }
      done += works.size();
      progress.progress(done, -1);
    }
    return report;
  }

  /**
   * The identified work as one line of JSON, or empty after reporting it as a failure of its own:
   * one work that cannot be written never stops the others.
   */
  public static Optional<String> written(Outcome.Identified o, RunReport report) {
    try {
      return Optional.of(ExactJson.write(o.document()));
    } catch (IdMinterException | OutOfMemoryError e) {
      String why =
          e instanceof OutOfMemoryError
              ? "the identified work does not fit in the memory available"
              : e.getMessage();
      report.failed(new Failure(o.rowId(), Failure.Stage.WRITE, why));
      return Optional.empty();
    }
  }
}
