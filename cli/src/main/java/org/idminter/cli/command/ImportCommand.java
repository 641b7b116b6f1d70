package org.idminter.cli.command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Progress;
import org.idminter.cli.support.WritingDatabaseOptions;
import org.idminter.store.IdStore;
import org.idminter.store.load.ImportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Loads existing mappings from CSV. */
@Command(
    name = "import",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./idminter import --csv identifiers.csv",
      "  ./idminter import --csv identifiers.csv --db jdbc:mariadb://db:3306/identifiers --json"
    },
    header = "Load existing mappings from a CSV file.",
    mixinStandardHelpOptions = true,
    description =
        "Load existing mappings from a CSV whose header names CanonicalId, OntologyType, SourceSystem and SourceId (any order). Imported IDs are assigned. Importing again changes nothing. A bad row fails the whole import (exit 1, nothing written); a row contradicting a stored mapping is reported and skipped (exit 3).")
public final class ImportCommand implements Callable<Integer> {
  @Option(
      names = "--csv",
      required = true,
      paramLabel = "FILE",
      description = "The CSV file (UTF-8).")
  Path csv;

  @Option(
      names = "--json",
      description =
          "Print {\"file\", \"rows\", \"inserted\", \"unchanged\", \"contradictions\": [...]}"
              + " instead of the text summary.")
  boolean json;

  @Mixin WritingDatabaseOptions database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ImportResult r;
    try (IdStore store = database.open()) {
      r = store.importer().importCsv(csv, new Progress("importing " + csv.getFileName()));
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("file", csv.toString());
      out.put("rows", r.rows());
      out.put("inserted", r.inserted());
      out.put("unchanged", r.unchanged());
      out.put("contradictions", r.contradictions());
      spec.commandLine().getOut().println(Json.write(out));
    } else {
      spec.commandLine()
          .getOut()
          .printf(
              "imported %s: %d row(s), %d new mapping(s), %d unchanged, %d contradiction(s)%n",
              csv, r.rows(), r.inserted(), r.unchanged(), r.contradictions().size());
    }
    r.contradictions().forEach(c -> spec.commandLine().getErr().println("idminter: " + c));
    return r.contradictions().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }
}
