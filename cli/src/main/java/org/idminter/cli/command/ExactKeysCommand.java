package org.idminter.cli.command;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.store.IdStore;
import org.idminter.store.schema.ExactKeysPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code idminter schema exact-keys plan|apply|verify|rollback}. */
@Command(
    name = "exact-keys",
    header = "Make a Python id_minter database compare keys exactly (MySQL, MariaDB).",
    mixinStandardHelpOptions = true,
    description =
        "Converts the key columns of identifiers (and idminter's own key tables) from the Python"
            + " id_minter's latin1, case-insensitive collation to the exact one idminter uses on"
            + " new schemas (utf8mb4, binary, no padding), in place: one ALTER TABLE per table."
            + " PostgreSQL and H2 compare exactly already.",
    subcommands = {
      ExactKeysCommand.Plan.class,
      ExactKeysCommand.Apply.class,
      ExactKeysCommand.Verify.class,
      ExactKeysCommand.Rollback.class
    })
public final class ExactKeysCommand {
  static String text(ExactKeysPlan p) {
    StringBuilder out = new StringBuilder();
    if (p.exactAlready()) {
      out.append(
          p.target().isEmpty()
              ? p.method() + "\n"
              : "every key column compares exactly (" + p.target() + "); nothing to convert\n");
      return out.toString();
    }
    out.append("key columns to convert to utf8mb4 / ").append(p.target()).append(":\n");
    p.columns()
        .forEach(
            k ->
                out.append(
                    String.format(
                        "  %s.%s %s %s / %s%n",
                        k.table(), k.column(), k.type(), k.charset(), k.collation())));
    p.tables().forEach(t -> out.append(String.format("rows in %s: %d%n", t.table(), t.rows())));
    out.append("method: ").append(p.method()).append('\n');
    out.append(
        String.format(
            "values stored in other bytes, same text: %d%s%n",
            p.reEncoded().size(), p.reEncoded().size() == 100 ? " or more (first 100)" : ""));
    p.reEncoded().forEach(v -> out.append("  ").append(v).append('\n'));
    out.append(
        String.format(
            "values that would not survive the conversion: %d%n", p.notRoundTripping().size()));
    p.notRoundTripping().forEach(v -> out.append("  ").append(v).append('\n'));
    p.refusals().forEach(r -> out.append("refused: ").append(r).append('\n'));
    return out.toString();
  }

  /** The database and --json, for every subcommand. */
  static final class Options {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin DatabaseOptions database;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    PrintWriter out() {
      return mixee.commandLine().getOut();
    }
  }

  @Command(
      name = "plan",
      header = "What apply would convert; writes nothing.",
      mixinStandardHelpOptions = true,
      description =
          "Lists the columns, the method, the values whose bytes change (their text does not) and"
              + " any value that would not survive the conversion. Exit 3 when apply would refuse.")
  static final class Plan implements Callable<Integer> {
    @Mixin Options o;

    @Override
    public Integer call() {
      ExactKeysPlan p;
      try (IdStore store = o.database.openExisting()) {
        p = store.exactKeys().plan();
      }
      o.out().print(o.json ? Json.write(p) + "\n" : text(p));
      return p.refusals().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
  }

  @Command(
      name = "apply",
      header = "Convert the key columns in place, then verify.",
      mixinStandardHelpOptions = true,
      description =
          "Refused, changing nothing, when the plan is. Holds the key space's lock (mints wait;"
              + " InnoDB lets readers go on while a table is copied). A stopped apply resumes when"
              + " run again; run again when done, it changes nothing.")
  static final class Apply implements Callable<Integer> {
    @Mixin Options o;

    @Override
    public Integer call() {
      ExactKeysPlan p;
      try (IdStore store = o.database.openExisting()) {
        p = store.exactKeys().apply();
      }
      o.out()
          .print(
              o.json
                  ? Json.write(p) + "\n"
                  : p.exactAlready()
                      ? text(p)
                      : text(p)
                          + "converted and verified: every row kept, every key's text unchanged\n");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "verify",
      header = "Check the converted columns: exact, and every row kept with its text.",
      mixinStandardHelpOptions = true,
      description = "Exit 0 when they are, 3 with the problems otherwise.")
  static final class Verify implements Callable<Integer> {
    @Mixin Options o;

    @Override
    public Integer call() {
      List<String> problems;
      try (IdStore store = o.database.openExisting()) {
        problems = store.exactKeys().verify();
      }
      if (o.json) {
        o.out()
            .println(Json.write(java.util.Map.of("ok", problems.isEmpty(), "problems", problems)));
      } else if (problems.isEmpty()) {
        o.out().println("verified: the key columns compare exactly; every row kept its key text");
      } else {
        problems.forEach(p -> o.out().println("problem: " + p));
      }
      return problems.isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
  }

  @Command(
      name = "rollback",
      header = "Convert the key columns back to what they were.",
      mixinStandardHelpOptions = true,
      description =
          "Refused, changing nothing, while a key written since would not fit the original"
              + " character set or would equal another key under the original collation.")
  static final class Rollback implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (IdStore store = database.openExisting()) {
        spec.commandLine().getOut().println(store.exactKeys().rollback());
      }
      return ExitCodes.OK;
    }
  }
}
