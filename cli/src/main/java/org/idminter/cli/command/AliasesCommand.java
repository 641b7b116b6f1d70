package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Usage;
import org.idminter.core.CanonicalId;
import org.idminter.store.IdStore;
import org.idminter.store.alias.AliasGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Canonical IDs shared by more than one key. */
@Command(
    name = "aliases",
    header = "List canonical IDs shared by more than one key.",
    mixinStandardHelpOptions = true,
    description =
        "List canonical IDs shared by more than one key, each key marked original or alias. Prints CANONICAL_ID<TAB>KEY<TAB>ROLE<TAB>PREDECESSOR|-<TAB>BASIS; BASIS is 'recorded' when idminter recorded the inheritance, 'created_at' when guessed from CreatedAt for rows other tools wrote.")
public final class AliasesCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "CANONICAL_ID",
      description = "Only these IDs (default: all shared IDs).")
  List<String> ids = new ArrayList<>();

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin DatabaseOptions database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<AliasGroup> groups;
    try (IdStore store = database.openExisting()) {
      groups =
          store
              .aliases()
              .list(Usage.checked(spec, () -> ids.stream().map(CanonicalId::parse).toList()));
    }
    if (json) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (AliasGroup g : groups) {
        List<Map<String, String>> members = new ArrayList<>();
        for (AliasGroup.Member m : g.members()) {
          Map<String, String> row = new LinkedHashMap<>();
          row.put("key", m.key().toString());
          row.put("role", m.role().name().toLowerCase(Locale.ROOT));
          row.put("basis", m.basis().name().toLowerCase(Locale.ROOT));
          m.predecessor().ifPresent(p -> row.put("predecessor", p.toString()));
          members.add(row);
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("canonical_id", g.canonicalId().value());
        group.put("keys", members);
        out.add(group);
      }
      spec.commandLine().getOut().println(Json.write(out));
    } else {
      StringBuilder sb = new StringBuilder();
      for (AliasGroup g : groups) {
        for (AliasGroup.Member m : g.members()) {
          sb.append(g.canonicalId())
              .append('\t')
              .append(m.key())
              .append('\t')
              .append(m.role().name().toLowerCase(Locale.ROOT))
              .append('\t')
              .append(m.predecessor().map(Object::toString).orElse("-"))
              .append('\t')
              .append(m.basis().name().toLowerCase(Locale.ROOT))
              .append('\n');
        }
      }
      spec.commandLine().getOut().print(sb);
    }
    return ExitCodes.OK;
  }
}
