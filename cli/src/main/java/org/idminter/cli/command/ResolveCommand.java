package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.ReadingDatabaseOptions;
import org.idminter.cli.support.Usage;
import org.idminter.core.CanonicalId;
import org.idminter.serve.wire.JsonShapes;
import org.idminter.store.IdStore;
import org.idminter.store.merge.IdState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code idminter resolve CANONICAL_ID…}: what each ID is now. */
@Command(
    name = "resolve",
    header = "The state of canonical IDs: active with its keys, redirect, free or unknown.",
    mixinStandardHelpOptions = true,
    description =
        "Prints ID<TAB>active<TAB>KEY,KEY… (its keys), ID<TAB>redirect<TAB>TARGET (merged into"
            + " TARGET), ID<TAB>free (in the pool, never issued) or ID<TAB>unknown.")
public final class ResolveCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "CANONICAL_ID")
  List<String> ids = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin ReadingDatabaseOptions database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<CanonicalId> asked =
        Usage.checked(spec, () -> ids.stream().map(CanonicalId::parse).toList());
    try (IdStore store = database.openExisting()) {
      if (json) {
        spec.commandLine().getOut().println(Json.write(JsonShapes.states(store, asked)));
      } else {
        print(store.merges().resolve(asked));
      }
    }
    return ExitCodes.OK;
  }

  private void print(List<IdState> states) {
    StringBuilder sb = new StringBuilder();
    for (IdState s : states) {
      sb.append(s.id()).append('\t').append(s.state());
      if (s.target().isPresent()) {
        sb.append('\t').append(s.target().get());
      } else if (!s.keys().isEmpty()) {
        sb.append('\t').append(String.join(",", s.keys().stream().map(Object::toString).toList()));
      }
      sb.append('\n');
    }
    spec.commandLine().getOut().print(sb);
  }
}
