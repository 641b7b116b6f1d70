package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Usage;
import org.idminter.cli.support.WritingDatabaseOptions;
import org.idminter.core.id.QidPrefixes;
import org.idminter.store.IdStore;
import org.idminter.store.StoreConfig;
import org.idminter.store.registry.IdRegistry;
import org.idminter.store.registry.Registration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ids register}: external IDs to internal flake64 IDs, in the registry. */
@Command(
    name = "register",
    header = "Register external IDs (Q42, P31, L7) under internal flake64 IDs.",
    mixinStandardHelpOptions = true,
    description =
        "Register each external ID in the entity_id_mapping registry, in one transaction: one"
            + " already registered keeps its internal ID, a new one gets a fresh flake64. Prints"
            + " EXTERNAL<TAB>INTERNAL per ID, in the order given. Any invalid ID fails the call,"
            + " naming it, before anything is written (exit 2).",
    footerHeading = "%nExamples:%n",
    footer = {"  ./idminter ids register Q42 P31 L7", "  ./idminter ids register --input qids.txt"})
public final class IdsRegisterCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "EXTERNAL_ID", description = "External IDs.")
  List<String> ids = new ArrayList<>();

  @Option(
      names = "--input",
      paramLabel = "FILE|-",
      description = "Also register the external IDs in FILE (- for stdin), one per line.")
  String input;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "item, property or lexeme: refuse any ID whose prefix names another type (default: any).")
  String type;

  @Option(
      names = "--json",
      description =
          "Print {ids: [{external_id, internal_id, internal_id_base32, entity_type, created}],"
              + " created, regenerated}.")
  boolean json;

  @Mixin WritingDatabaseOptions database;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (ids.isEmpty() && input == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give at least one EXTERNAL_ID or --input FILE");
    }
    List<String> asked = new ArrayList<>(ids);
    if (input != null) {
      asked.addAll(Usage.checked(spec, () -> RequestFile.values(input)));
    }
    StoreConfig config = database.config();
    QidPrefixes prefixes = config.registry().qidPrefixes();
    Usage.checked(spec, () -> IdRegistry.parseAll(prefixes, asked, Optional.ofNullable(type)));
    Registration r;
    try (IdStore store = database.open(config)) {
      r = Usage.checked(spec, () -> store.registry().register(asked, Optional.ofNullable(type)));
    }
    spec.commandLine().getOut().print(IdsRegistryOutput.print(r, json));
    return ExitCodes.OK;
  }
}
