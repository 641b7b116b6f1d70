package org.idminter.cli.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.MintingDatabaseOptions;
import org.idminter.cli.support.Progress;
import org.idminter.cli.support.ReportOptions;
import org.idminter.cli.support.Usage;
import org.idminter.core.InvalidInputException;
import org.idminter.core.io.AtomicFile;
import org.idminter.pipeline.IdentifyRun;
import org.idminter.pipeline.RunReport;
import org.idminter.pipeline.sink.JsonLinesSink;
import org.idminter.pipeline.source.JsonLinesSource;
import org.idminter.store.IdStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The main job on JSON Lines: mint canonical IDs into catalogue works. */
@Command(
    name = "identify",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./idminter identify --input works.jsonl --output identified.jsonl",
      "  cat works.jsonl | ./idminter identify --input - --output - > identified.jsonl",
      "  ./idminter identify --input works.jsonl --output out.jsonl --job-id nightly-42 --json"
    },
    header =
        "Give every node with a sourceIdentifier in each work of a JSON Lines file its canonical ID.",
    mixinStandardHelpOptions = true,
    description =
        "Mint or look up a canonical ID for every node with a sourceIdentifier in each work (one JSON object per line) and write the works with canonicalId set, in input order; failed works are left out and listed in the report. Exit 0 when every work succeeded, 3 when some failed, 1 on a fatal error.")
public final class IdentifyCommand implements Callable<Integer> {
  private static final int MAX_DOCUMENT_MB = 1024;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE|-",
      description = "Works, one JSON object per line.")
  String input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE|-",
      description = "Identified works, one per line.")
  String output;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "500",
      description = "Works per mint call (default 500).")
  int batchSize;

  @Option(
      names = "--max-document-mb",
      paramLabel = "MB",
      defaultValue = "16",
      description = "Larger documents fail alone (default 16).")
  int maxDocumentMb;

  @Mixin MintingDatabaseOptions database;

  @Mixin ReportOptions reports;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Usage.positive(spec, "--max-document-mb", maxDocumentMb, "the document size limit");
    if (maxDocumentMb > MAX_DOCUMENT_MB) {
      throw new ParameterException(
          spec.commandLine(),
          "bad --max-document-mb "
              + maxDocumentMb
              + ": at most "
              + MAX_DOCUMENT_MB
              + " (a document is held in one Java array, which stops short of 2 GB)");
    }
    Usage.positive(spec, "--batch-size", batchSize, "the number of works per mint call");
    String job = reports.jobId();
    long maxBytes = maxDocumentMb * 1024L * 1024L;
    long heap = Runtime.getRuntime().maxMemory();
    if (JsonLinesSource.heapNeeded(maxBytes) > heap) {
      long mb = 1024L * 1024L;
      throw new InvalidInputException(
          String.format(
              "--max-document-mb %d needs about %,d MB of memory, but this JVM may use %,d MB:"
                  + " lower --max-document-mb to at most %d, or give the JVM more memory"
                  + " (IDMINTER_JAVA_OPTS=-Xmx…)",
              maxDocumentMb,
              JsonLinesSource.heapNeeded(maxBytes) / mb,
              heap / mb,
              JsonLinesSource.largestLimitFor(heap) / mb));
    }
    RunReport result = new RunReport(job, Optional.empty());
    boolean toStdout = "-".equals(output);
    reports.requireStdoutFree(toStdout);
    // Both files are checked writable before anything is minted; both appear whole, or not at all
    // (a failed run leaves an existing output as it was).
    try (AtomicFile reportFile = reports.prepare("identify", job);
        AtomicFile outputFile =
            toStdout ? null : AtomicFile.prepare(Path.of(output), true, "the output")) {
      Progress progress = Progress.ofRun("identify", result::failureCount);
      try (IdStore store = database.open();
          JsonLinesSource source = new JsonLinesSource(open(input), maxBytes, 1000);
          JsonLinesSink sink = new JsonLinesSink(writer(outputFile))) {
        new IdentifyRun(store.minter(), batchSize).run(source, sink, result, progress);
      } catch (RuntimeException e) {
        result.stopped(e);
        throw e;
      } finally {
        progress.finish();
        String written;
        if (result.outcome().equals("failed")) {
          written = toStdout ? "the output was streamed to stdout" : output + " left unchanged";
        } else {
          if (outputFile != null) {
            outputFile.commit();
          }
          written = "output written to " + (toStdout ? "stdout" : output);
        }
        reports.finish(reportFile, result, written);
      }
    }
    return result.failureCount() == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private static InputStream open(String input) {
    try {
      return "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("cannot read " + input + ": no such file", e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + input + ": " + e.getMessage(), e);
    }
  }

  private static BufferedWriter writer(AtomicFile file) {
    return new BufferedWriter(
        new OutputStreamWriter(file == null ? System.out : file.stream(), StandardCharsets.UTF_8));
  }
}
