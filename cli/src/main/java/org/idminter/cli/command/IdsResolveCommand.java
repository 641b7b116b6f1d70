package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.idminter.cli.support.CachingDatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Usage;
import org.idminter.serve.wire.JsonShapes;
import org.idminter.store.IdStore;
import org.idminter.store.registry.Resolution;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ids resolve}: internal to external IDs and back. */
@Command(
    name = "resolve",
    header = "Resolve internal IDs to external IDs and back.",
    mixinStandardHelpOptions = true,
    description =
        "A flake64 (decimal or 13 base32 characters) resolves to its external ID, an external ID"
            + " (Q42) to its internal ID. Prints VALUE<TAB>ANSWER per value, VALUE<TAB>- when it"
            + " is not registered (exit 0). A value that is neither fails the call, naming it"
            + " (exit 2).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./idminter ids resolve Q42 2199023255552123",
      "  ./idminter ids resolve --cache redis://127.0.0.1:6379 --input ids.txt"
    })
public final class IdsResolveCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "VALUE", description = "External or internal IDs.")
  List<String> values = new ArrayList<>();

  @Option(
      names = "--input",
      paramLabel = "FILE|-",
      description = "Also resolve the values in FILE (- for stdin), one per line.")
  String input;

  @Option(
      names = "--json",
      description =
          "Print {found: [{value, external_id, internal_id, internal_id_base32, entity_type}],"
              + " missing: [value]}.")
  boolean json;

  @Mixin CachingDatabaseOptions database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (values.isEmpty() && input == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at least one VALUE or --input FILE");
    }
    List<String> asked = new ArrayList<>(values);
    if (input != null) {
      asked.addAll(Usage.checked(spec, () -> RequestFile.values(input)));
    }
    Resolution r;
    try (IdStore store = database.openExisting()) {
      r = Usage.checked(spec, () -> store.registry().resolve(asked));
    }
    if (json) {
      spec.commandLine().getOut().println(Json.write(JsonShapes.resolution(r)));
    } else {
      StringBuilder text = new StringBuilder();
      for (Resolution.Entry e : r.entries()) {
        text.append(e.value()).append('\t').append(e.answer().orElse("-")).append('\n');
      }
      spec.commandLine().getOut().print(text);
    }
    return ExitCodes.OK;
  }
}
