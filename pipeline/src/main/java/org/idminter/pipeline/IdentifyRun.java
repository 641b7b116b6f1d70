package org.idminter.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;
import org.idminter.core.Minter;
import org.idminter.core.ProgressListener;
import org.idminter.core.document.ExactJson;

/**
 * The one identify loop, whatever the source and sink: read a batch of works, identify them (one
 * mint call, or one per work if that fails), write each identified work as JSON, hand the batch to
 * the sink, and fill the report. Failed works are left out and reported; memory is bounded by a
 * batch.
 */
public final class IdentifyRun {
  private final BatchIdentifier identifier;
  private final int batchSize;

  public IdentifyRun(Minter minter, int batchSize) {
    if (batchSize < 1) {
      throw new InvalidInputException(
          "bad batch size " + batchSize + ": the number of works per mint call must be positive");
    }
    this.identifier = new BatchIdentifier(minter);
    this.batchSize = batchSize;
  }

  /** Runs to the end of the source; the caller closes source and sink. */
  public RunReport run(Source source, Sink sink, RunReport report, ProgressListener progress)
      throws IOException {
    long done = 0;
    for (List<Work> works = source.next(batchSize);
        !works.isEmpty();
        works = source.next(batchSize)) {
      List<Sink.Written> written = new ArrayList<>();
      for (Outcome o : identifier.identify(works)) {
        if (o instanceof Outcome.Failed failed) {
          report.failed(failed.failure());
        } else {
          written(report, (Outcome.Identified) o, written);
        }
      }
      Set<Sink.Written> refused = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Sink.Refused r : sink.write(written)) {
        refused.add(r.work());
        report.failed(r.failure());
      }
      for (Sink.Written w : written) {
        if (!refused.contains(w)) {
          report.succeeded(w.canonicalId());
        }
      }
      done += works.size();
      progress.progress(done, -1);
    }
    return report;
  }

  /**
   * Adds the identified work as one line of JSON, or reports it as a failure of its own: one work
   * that cannot be written never stops the others.
   */
  private static void written(RunReport report, Outcome.Identified o, List<Sink.Written> into) {
    try {
      into.add(
          new Sink.Written(
              o.position(), o.rowId(), o.canonicalId(), ExactJson.write(o.document())));
    } catch (IdMinterException e) {
      report.failed(Failure.of(o.rowId(), Failure.Stage.WRITE, e));
    } catch (OutOfMemoryError e) {
      report.failed(
          new Failure(
              o.rowId(),
              Failure.Stage.WRITE,
              ErrorCode.TOO_LARGE,
              "the identified work does not fit in the memory available"));
    }
  }
}
