package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.idminter.cli.support.CachingDatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Usage;
import org.idminter.core.CanonicalId;
import org.idminter.core.CollationClash;
import org.idminter.core.LookupResult;
import org.idminter.core.SourceIdentifier;
import org.idminter.serve.wire.JsonShapes;
import org.idminter.store.IdStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Read-only lookup. */
@Command(
    name = "lookup",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./idminter lookup 'Work[sierra-system-number/b1000001]'",
      "  cut -f1 keys.tsv | ./idminter lookup --input -"
    },
    header = "Look keys up without minting.",
    mixinStandardHelpOptions = true,
    description =
        "Look keys up without minting. Prints KEY<TAB>CANONICAL_ID for found keys and KEY<TAB>- for missing ones (exit 0). A key that matches a stored key only up to case or trailing spaces is reported on stderr and the exit code is 1.")
public final class LookupCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "KEY",
      description = "Keys such as Work[sierra-system-number/b1000001].")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--input",
      paramLabel = "FILE|-",
      description =
          "Also look up the keys in FILE (- for stdin): one per line, plain or as {\"key\": …}.")
  String input;

  @Option(
      names = "--json",
      description = "Print {found: [{key, canonical_id}], missing: [key], clashes: [...]}.")
  boolean json;

  @Mixin CachingDatabaseOptions database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (keys.isEmpty() && input == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at least one KEY or --input FILE");
    }
    List<SourceIdentifier> asked = new ArrayList<>(Usage.keys(spec, keys));
    if (input != null) {
      RequestFile.read(input).forEach(r -> asked.add(r.key()));
    }
    LookupResult result;
    try (IdStore store = database.openExisting()) {
      result = store.minter().lookup(asked);
    }
    if (json) {
      spec.commandLine().getOut().println(Json.write(JsonShapes.lookup(result)));
    } else {
      // In the order asked, each key once: its ID, or - when it has none.
      StringBuilder sb = new StringBuilder();
      for (SourceIdentifier k : new java.util.LinkedHashSet<>(asked)) {
        CanonicalId id = result.found().get(k);
        sb.append(k).append('\t').append(id == null ? "-" : id.value()).append('\n');
      }
      spec.commandLine().getOut().print(sb);
    }
    for (CollationClash c : result.clashes()) {
      spec.commandLine().getErr().println("idminter: " + c.message());
    }
    return result.clashes().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
