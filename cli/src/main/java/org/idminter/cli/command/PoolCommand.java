package org.idminter.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Progress;
import org.idminter.cli.support.Usage;
import org.idminter.cli.support.WritingDatabaseOptions;
import org.idminter.store.IdStore;
import org.idminter.store.pool.PoolStatus;
import org.idminter.store.pool.TopUpResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The pool of free canonical IDs. */
@Command(
    name = "pool",
    mixinStandardHelpOptions = true,
    description = "Inspect or fill the pool of free canonical IDs.",
    subcommands = {PoolCommand.TopUp.class, PoolCommand.Status.class})
public final class PoolCommand {
  @Command(
      name = "top-up",
      footerHeading = "%nExamples:%n",
      footer = {"  ./idminter pool top-up --desired 1000000"},
      header = "Make sure N canonical IDs are free.",
      mixinStandardHelpOptions = true,
      description = "Make sure N canonical IDs are free: generate and insert the shortfall.")
  static final class TopUp implements Callable<Integer> {
    @Option(
        names = "--desired",
        required = true,
        paramLabel = "N",
        description = "How many IDs should be free.")
    long desired;

    @Mixin WritingDatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Usage.positive(spec, "--desired", desired, "the number of free IDs wanted");
      TopUpResult r;
      try (IdStore store = database.open()) {
        r = store.pool().topUp(desired, new Progress("generating free IDs"));
      }
      spec.commandLine()
          .getOut()
          .printf(
              "free IDs: %d before, %d now (%d inserted)%n",
              r.freeBefore(), r.freeAfter(), r.inserted());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      header = "Show the free and assigned canonical ID counts.",
      mixinStandardHelpOptions = true,
      description =
          "Free and assigned canonical ID counts. With --min-free N, exit 4 when fewer than N IDs"
              + " are free (for alerting).")
  static final class Status implements Callable<Integer> {
    @Option(names = "--json", description = "Print {\"free\": N, \"assigned\": M}.")
    boolean json;

    @Option(
        names = "--min-free",
        paramLabel = "N",
        description = "Exit 4 when fewer than N canonical IDs are free (default: no check).")
    Long minFree;

    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PoolStatus s;
      try (IdStore store = database.openExisting()) {
        s = store.pool().status();
      }
      if (json) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("free", s.free());
        out.put("assigned", s.assigned());
        spec.commandLine().getOut().println(Json.write(out));
      } else {
        spec.commandLine().getOut().printf("free\t%d%nassigned\t%d%n", s.free(), s.assigned());
      }
      if (minFree != null && s.free() < minFree) {
        spec.commandLine()
            .getErr()
            .printf(
                "idminter: %d canonical IDs are free, fewer than --min-free %d%n",
                s.free(), minFree);
        return ExitCodes.CHECK_FAILED;
      }
      return ExitCodes.OK;
    }
  }
}
