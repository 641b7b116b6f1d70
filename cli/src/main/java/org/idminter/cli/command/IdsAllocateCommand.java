package org.idminter.cli.command;

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

/** {@code ids allocate}: the next external IDs of a type, registered. */
@Command(
    name = "allocate",
    header = "Hand out the next external IDs of an entity type, registered.",
    mixinStandardHelpOptions = true,
    description =
        "Take the next N numbers of the type's counter and register them (prefix + number) under"
            + " fresh internal IDs, in one transaction. Numbers are never handed out twice; a call"
            + " that fails leaves a gap, and numbers already registered by hand are skipped."
            + " Prints EXTERNAL<TAB>INTERNAL per ID.",
    footerHeading = "%nExamples:%n",
    footer = {"  ./idminter ids allocate --type item -n 3"})
public final class IdsAllocateCommand implements Callable<Integer> {
  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "item, property or lexeme.")
  String type;

  @Option(
      names = "-n",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many (default 1, at most 1,000,000).")
  int count;

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
    if (!QidPrefixes.TYPES.contains(type)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "bad --type '" + type + "': expected one of " + QidPrefixes.TYPES);
    }
    Usage.positive(spec, "-n", count, "the number of IDs");
    if (count > IdRegistry.MAX_BATCH) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "bad -n " + count + ": at most 1,000,000 per call");
    }
    StoreConfig config = database.config();
    Usage.checked(spec, () -> config.registry().qidPrefixes().prefixOf(type));
    Registration r;
    try (IdStore store = database.open(config)) {
      r = store.registry().allocate(type, count);
    }
    spec.commandLine().getOut().print(IdsRegistryOutput.print(r, json));
    return ExitCodes.OK;
  }
}
