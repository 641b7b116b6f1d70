package org.idminter.cli.command;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Usage;
import org.idminter.core.CanonicalId;
import org.idminter.migrate.engine.RunIdentity;
import org.idminter.store.IdStore;
import org.idminter.store.merge.MergePlan;
import org.idminter.store.merge.MergeResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code idminter merge plan|apply|undo}: two canonical IDs found to name one record. */
@Command(
    name = "merge",
    header = "Merge one canonical ID into another, leaving a redirect; or undo a merge.",
    mixinStandardHelpOptions = true,
    description =
        "Every key mapped to FROM_ID is remapped to INTO_ID, in one transaction; FROM_ID becomes a"
            + " redirect to INTO_ID (it stays assigned and is never handed out again), redirects to"
            + " FROM_ID are repointed, and every change is written to the history first.",
    subcommands = {MergeCommand.Plan.class, MergeCommand.Apply.class, MergeCommand.Undo.class})
public final class MergeCommand {
  /** The two IDs and the database every merge subcommand takes. */
  static final class Ids {
    @Parameters(
        index = "0",
        paramLabel = "FROM_ID",
        description = "The ID that becomes a redirect.")
    String from;

    @Parameters(index = "1", paramLabel = "INTO_ID", description = "The ID its keys move to.")
    String into;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin DatabaseOptions database;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    CanonicalId from() {
      return Usage.checked(mixee, () -> CanonicalId.parse(from));
    }

    CanonicalId into() {
      return Usage.checked(mixee, () -> CanonicalId.parse(into));
    }
  }

  static Map<String, Object> json(MergePlan p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", p.from().value());
    m.put("into", p.into().value());
    m.put("keys", p.keys().stream().map(Object::toString).toList());
    m.put("inheritance_records", p.inheritanceRecords());
    m.put("redirects_repointed", p.redirectsRepointed().stream().map(CanonicalId::value).toList());
    m.put("refusals", p.refusals());
    return m;
  }

  static String text(MergePlan p) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format("keys moving from %s to %s: %d%n", p.from(), p.into(), p.keys().size()));
    p.keys().forEach(k -> out.append("  ").append(k).append('\n'));
    out.append(String.format("inheritance records following them: %d%n", p.inheritanceRecords()));
    out.append(
        String.format(
            "redirects to %s repointed to %s: %s%n", p.from(), p.into(), p.redirectsRepointed()));
    out.append(String.format("%s becomes a redirect to %s%n", p.from(), p.into()));
    p.refusals().forEach(r -> out.append("refused: ").append(r).append('\n'));
    return out.toString();
  }

  @Command(
      name = "plan",
      header = "What a merge would change; writes nothing.",
      mixinStandardHelpOptions = true,
      description = "Exit 0 when the merge can be applied, 3 when it would be refused (and why).")
  static final class Plan implements Callable<Integer> {
    @Mixin Ids ids;

    @Override
    public Integer call() {
      MergePlan p;
      try (IdStore store = ids.database.openExisting()) {
        p = store.merges().plan(ids.from(), ids.into());
      }
      ids.mixee.commandLine().getOut().print(ids.json ? Json.write(json(p)) + "\n" : text(p));
      return p.refused() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
  }

  @Command(
      name = "apply",
      header = "Merge FROM_ID into INTO_ID in one transaction.",
      mixinStandardHelpOptions = true,
      description =
          "Refused, changing nothing, when FROM_ID = INTO_ID, either ID is unknown or free, or"
              + " INTO_ID is itself a redirect (the message names its target). Prints the run id"
              + " that `merge undo` takes. Merging again what is merged changes nothing.")
  static final class Apply implements Callable<Integer> {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the history.")
    String reason;

    @Mixin Ids ids;

    @Override
    public Integer call() {
      String runId = RunIdentity.create(new SecureRandom()).runId();
      MergeResult r;
      try (IdStore store = ids.database.openExisting()) {
        r = store.merges().apply(ids.from(), ids.into(), Optional.ofNullable(reason), runId);
      }
      if (ids.json) {
        Map<String, Object> m = json(r.plan());
        m.put("run_id", r.runId());
        m.put("changed", r.changed());
        ids.mixee.commandLine().getOut().println(Json.write(m));
      } else {
        ids.mixee
            .commandLine()
            .getOut()
            .print(
                r.changed()
                    ? text(r.plan())
                        + "merged; run id "
                        + r.runId()
                        + " (`idminter merge undo "
                        + r.runId()
                        + "`)\n"
                    : r.plan().from()
                        + " is merged into "
                        + r.plan().into()
                        + " already; nothing was changed\n");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "undo",
      header = "Undo a merge by its run id, while nothing since depends on it.",
      mixinStandardHelpOptions = true,
      description =
          "Restores the exact mappings, inheritance records and redirects from the history. Refused,"
              + " changing nothing, while a later change touches the same IDs or a key minted since"
              + " inherits through the merge.")
  static final class Undo implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_ID", description = "What `merge apply` printed.")
    String runId;

    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (IdStore store = database.openExisting()) {
        spec.commandLine().getOut().println(store.merges().undo(runId));
      }
      return ExitCodes.OK;
    }
  }
}
