package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.MintingDatabaseOptions;
import org.idminter.cli.support.Usage;
import org.idminter.core.CanonicalId;
import org.idminter.core.MintRequest;
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

/** Mints canonical IDs for keys given as arguments or as JSON Lines requests. */
@Command(
    name = "mint",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./idminter mint 'Work[sierra-system-number/b1000001]'",
      "  ./idminter mint 'Work[folio-instance/f1]' --predecessor 'Work[sierra-system-number/b1000001]' --json",
      "  ./idminter mint --input requests.jsonl"
    },
    header = "Map keys to canonical IDs, creating the mappings that are missing.",
    mixinStandardHelpOptions = true,
    description =
        "Map keys to canonical IDs, creating mappings where missing (one transaction). Prints KEY<TAB>CANONICAL_ID per distinct key, in first-seen order.")
public final class MintCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "KEY",
      description = "Keys such as Work[sierra-system-number/b1000001].")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--predecessor",
      paramLabel = "KEY",
      description = "The key the single KEY inherits its canonical ID from.")
  String predecessor;

  @Option(
      names = "--input",
      paramLabel = "FILE|-",
      description =
          "JSON Lines requests: {\"key\": \"Work[sys/val]\", \"predecessor\": \"Work[sys/val]\"} (predecessor optional).")
  String input;

  @Option(names = "--json", description = "Print a JSON array of {key, canonical_id}.")
  boolean json;

  @Mixin MintingDatabaseOptions database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (keys.isEmpty() && input == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at least one KEY or --input FILE");
    }
    if (predecessor != null && keys.size() != 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--predecessor applies to exactly one KEY; for more, use --input with one request per line");
    }
    List<MintRequest> requests = new ArrayList<>();
    List<SourceIdentifier> parsed = Usage.keys(spec, keys);
    Optional<SourceIdentifier> from =
        Usage.checked(spec, () -> Optional.ofNullable(predecessor).map(SourceIdentifier::parse));
    for (SourceIdentifier k : parsed) {
      requests.add(from.isEmpty() ? MintRequest.of(k) : MintRequest.inheriting(k, from.get()));
    }
    if (input != null) {
      requests.addAll(RequestFile.read(input));
    }
    Map<SourceIdentifier, CanonicalId> ids;
    try (IdStore store = database.open()) {
      ids = store.minter().mint(requests);
    }
    print(ids);
    return ExitCodes.OK;
  }

  private void print(Map<SourceIdentifier, CanonicalId> ids) {
    if (json) {
      spec.commandLine().getOut().println(Json.write(JsonShapes.ids(ids)));
    } else {
      StringBuilder sb = new StringBuilder();
      ids.forEach((k, id) -> sb.append(k).append('\t').append(id).append('\n'));
      spec.commandLine().getOut().print(sb);
    }
  }
}
