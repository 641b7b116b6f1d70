package org.idminter.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Usage;
import org.idminter.core.CanonicalId;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.IdStore;
import org.idminter.store.merge.HistoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code idminter history KEY|CANONICAL_ID}: every recorded change, oldest first. */
@Command(
    name = "history",
    header = "Every recorded change to a key's or a canonical ID's mapping, oldest first.",
    mixinStandardHelpOptions = true,
    description =
        "Prints TIME<TAB>OPERATION<TAB>KEY|-<TAB>ID<TAB>OLD|-<TAB>NEW|-<TAB>RUN_ID<TAB>REASON|-."
            + " Mints, imports and inheritance need no history: the mapping records them.")
public final class HistoryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "KEY|CANONICAL_ID")
  String subject;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Mixin DatabaseOptions database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    boolean isId = CanonicalId.isStored(subject);
    SourceIdentifier key = isId ? null : Usage.checked(spec, () -> SourceIdentifier.parse(subject));
    List<HistoryEntry> rows;
    try (IdStore store = database.openExisting()) {
      rows =
          isId ? store.merges().history(CanonicalId.parse(subject)) : store.merges().history(key);
    }
    if (json) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (HistoryEntry h : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", h.at().toString());
        m.put("operation", h.operation());
        m.put("key", h.key().map(Object::toString).orElse(null));
        m.put("canonical_id", h.canonicalId().value());
        m.put("old_id", h.oldId().map(CanonicalId::value).orElse(null));
        m.put("new_id", h.newId().map(CanonicalId::value).orElse(null));
        m.put("run_id", h.runId());
        m.put("reason", h.reason().orElse(null));
        out.add(m);
      }
      spec.commandLine().getOut().println(Json.write(out));
    } else {
      StringBuilder sb = new StringBuilder();
      for (HistoryEntry h : rows) {
        sb.append(h.at())
            .append('\t')
            .append(h.operation())
            .append('\t')
            .append(h.key().map(Object::toString).orElse("-"))
            .append('\t')
            .append(h.canonicalId())
            .append('\t')
            .append(h.oldId().map(CanonicalId::value).orElse("-"))
            .append('\t')
            .append(h.newId().map(CanonicalId::value).orElse("-"))
            .append('\t')
            .append(h.runId())
            .append('\t')
            .append(h.reason().orElse("-"))
            .append('\n');
      }
      spec.commandLine().getOut().print(sb);
    }
    return ExitCodes.OK;
  }
}
