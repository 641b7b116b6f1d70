package org.idminter.cli.command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.DatabaseOptions;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Usage;
import org.idminter.core.SystemAliases;
import org.idminter.core.io.AtomicFile;
import org.idminter.migrate.engine.RunIdentity;
import org.idminter.store.IdStore;
import org.idminter.store.systems.AliasPlan;
import org.idminter.store.systems.AliasResult;
import org.idminter.store.systems.SystemsListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code idminter systems list} and {@code idminter systems alias plan|apply|undo}. */
@Command(
    name = "systems",
    header = "Source systems in use, and aliases: two names of one source system.",
    mixinStandardHelpOptions = true,
    subcommands = {SystemsCommand.ListSystems.class, SystemsCommand.Alias.class})
public final class SystemsCommand {
  @Command(
      name = "list",
      header = "Source systems with their mapping counts, and the aliases recorded.",
      mixinStandardHelpOptions = true)
  static final class ListSystems implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Mixin DatabaseOptions database;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      SystemsListing l;
      try (IdStore store = database.openExisting()) {
        l = store.systems().list();
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
            "systems",
            l.systems().stream().map(c -> Map.of("system", c.system(), "rows", c.rows())).toList());
        m.put(
            "aliases",
            l.aliases().stream()
                .map(
                    a ->
                        Map.of(
                            "alias", a.alias(),
                            "canonical", a.canonical(),
                            "run_id", a.runId(),
                            "at", a.at().toString()))
                .toList());
        out.println(Json.write(m));
        return ExitCodes.OK;
      }
      l.systems().forEach(s -> out.printf("%10d  %s%n", s.rows(), s.system()));
      if (l.aliases().isEmpty()) {
        out.println("no aliases recorded");
      }
      l.aliases()
          .forEach(
              a ->
                  out.printf(
                      "alias: %s is %s (run %s, %s)%n",
                      a.alias(), a.canonical(), a.runId(), a.at()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "alias",
      header = "Declare one source system an alias of another, or undo it.",
      mixinStandardHelpOptions = true,
      description =
          "Every row keyed under ALIAS moves to CANONICAL (mappings, inheritance records), in one"
              + " transaction that also records the alias; from then on mint, lookup, identify and"
              + " import store ALIAS keys as CANONICAL keys (output shows keys as given).",
      subcommands = {Alias.Plan.class, Alias.Apply.class, Alias.Undo.class})
  static final class Alias {
    /** The two names and the options plan and apply share. */
    static final class Names {
      @Parameters(index = "0", paramLabel = "ALIAS", description = "The name that goes away.")
      String alias;

      @Parameters(index = "1", paramLabel = "CANONICAL", description = "The name that stays.")
      String canonical;

      @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report.")
      Path report;

      @Option(names = "--json", description = "Print the JSON report instead of text.")
      boolean json;

      @Mixin DatabaseOptions database;

      @Spec(Spec.Target.MIXEE)
      CommandSpec mixee;

      String alias() {
        return Usage.checked(mixee, () -> SystemAliases.checkSystem(alias));
      }

      String canonical() {
        return Usage.checked(mixee, () -> SystemAliases.checkSystem(canonical));
      }

      void print(Map<String, Object> report, String text) {
        String json = Json.write(report);
        if (this.report != null) {
          try (AtomicFile f = AtomicFile.prepare(this.report, true, "the report")) {
            f.stream().write((json + "\n").getBytes(StandardCharsets.UTF_8));
            f.commit();
          } catch (java.io.IOException e) {
            throw new org.idminter.core.IdMinterException(
                org.idminter.core.ErrorCode.UNAVAILABLE,
                "cannot write the report " + this.report + ": " + e.getMessage());
          }
        }
        mixee.commandLine().getOut().print(this.json ? json + "\n" : text);
      }
    }

    @Command(
        name = "plan",
        header = "What declaring ALIAS an alias of CANONICAL would change; writes nothing.",
        mixinStandardHelpOptions = true,
        description =
            "Classifies every row keyed under ALIAS: rekey (no row under CANONICAL), retire (the"
                + " row under CANONICAL has the same ID) or collision (another ID). Exit 0 when"
                + " apply would go ahead without --merge, 3 when it would be refused.")
    static final class Plan implements Callable<Integer> {
      @Mixin Names names;

      @Override
      public Integer call() {
        String alias = names.alias();
        String canonical = names.canonical();
        AliasPlan p;
        try (IdStore store = names.database.openExisting()) {
          p = store.systems().plan(alias, canonical);
        }
        names.print(AliasReport.json(p), AliasReport.text(p));
        return p.refusals().isEmpty() && p.collisions().isEmpty()
            ? ExitCodes.OK
            : ExitCodes.PARTIAL;
      }
    }

    @Command(
        name = "apply",
        header =
            "Move every ALIAS-keyed row to CANONICAL and record the alias, in one transaction.",
        mixinStandardHelpOptions = true,
        description =
            "Refused, changing nothing, on collisions (unless --merge), on an empty plan (unless"
                + " --allow-empty), when CANONICAL is itself an alias, or when ALIAS has aliases."
                + " Applying again moves rows written under ALIAS since and otherwise changes"
                + " nothing.")
    static final class Apply implements Callable<Integer> {
      @Option(
          names = "--merge",
          description =
              "Resolve each collision by merging the ALIAS row's ID into the CANONICAL row's"
                  + " (it becomes a redirect), as `merge apply` does.")
      boolean merge;

      @Option(names = "--allow-empty", description = "Record the alias even if no row uses it.")
      boolean allowEmpty;

      @Mixin Names names;

      @Override
      public Integer call() {
        String alias = names.alias();
        String canonical = names.canonical();
        String runId = RunIdentity.create(new SecureRandom()).runId();
        AliasResult r;
        try (IdStore store = names.database.openExisting()) {
          r = store.systems().apply(alias, canonical, merge, allowEmpty, runId);
        }
        Map<String, Object> json = AliasReport.json(r.plan());
        json.put("run_id", r.runId());
        json.put("changed", r.changed());
        json.put("merges", r.merges().stream().map(MergeCommand::json).toList());
        names.print(
            json,
            r.changed()
                ? AliasReport.text(r.plan())
                    + "merged "
                    + r.merges().size()
                    + " collision(s); "
                    + alias
                    + " is an alias of "
                    + canonical
                    + "; run id "
                    + r.runId()
                    + " (`idminter systems alias undo "
                    + alias
                    + "`)\n"
                : alias + " is an alias of " + canonical + " already; nothing was changed\n");
        return ExitCodes.OK;
      }
    }

    @Command(
        name = "undo",
        header = "Move every row back under ALIAS and forget the alias.",
        mixinStandardHelpOptions = true,
        description =
            "Restores the rows the alias's run moved or retired, undoes the merges it made, in one"
                + " transaction. Refused, changing nothing, while a later change depends on it (a"
                + " key minted since inheriting from a moved key, a later merge of its IDs). Keys"
                + " minted under ALIAS while it was an alias stay under CANONICAL.")
    static final class Undo implements Callable<Integer> {
      @Parameters(index = "0", paramLabel = "ALIAS", description = "The alias to forget.")
      String alias;

      @Mixin DatabaseOptions database;

      @Spec CommandSpec spec;

      @Override
      public Integer call() {
        String name = Usage.checked(spec, () -> SystemAliases.checkSystem(alias));
        try (IdStore store = database.openExisting()) {
          spec.commandLine().getOut().println(store.systems().undo(name));
        }
        return ExitCodes.OK;
      }
    }
  }

  /** The plan as JSON and as text. */
  static final class AliasReport {
    private AliasReport() {}

    static Map<String, Object> json(AliasPlan p) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("alias", p.alias());
      m.put("canonical", p.canonical());
      m.put("recorded", p.recorded());
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("rekey", p.rekey().size());
      counts.put("retire", p.retire().size());
      counts.put("collision", p.collisions().size());
      counts.put("inheritance_records", p.inheritance().size());
      counts.put("redirects", p.redirects().size());
      m.put("counts", counts);
      m.put(
          "rekey",
          p.rekey().stream()
              .map(r -> Map.of("key", r.key().toString(), "canonical_id", r.id().value()))
              .toList());
      m.put(
          "retire",
          p.retire().stream()
              .map(r -> Map.of("key", r.key().toString(), "canonical_id", r.id().value()))
              .toList());
      m.put(
          "collisions",
          p.collisions().stream()
              .map(
                  k ->
                      Map.of(
                          "alias_key", k.aliasKey().toString(),
                          "alias_id", k.aliasId().value(),
                          "canonical_key", k.canonicalKey().toString(),
                          "canonical_id", k.canonicalId().value()))
              .toList());
      m.put(
          "inheritance",
          p.inheritance().stream()
              .map(
                  i -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("key", i.key().toString());
                    r.put("predecessor", i.predecessor().toString());
                    r.put("canonical_id", i.id().value());
                    r.put("action", i.action());
                    i.newKey().ifPresent(k -> r.put("new_key", k.toString()));
                    i.newPredecessor().ifPresent(k -> r.put("new_predecessor", k.toString()));
                    return r;
                  })
              .toList());
      m.put(
          "redirects",
          p.redirects().stream()
              .map(r -> Map.of("from", r.from().value(), "to", r.to().value()))
              .toList());
      m.put("refusals", p.refusals());
      return m;
    }

    static String text(AliasPlan p) {
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              "rows keyed under %s: %d (rekey to %s: %d, retire as duplicates: %d,"
                  + " collisions: %d)%n",
              p.alias(),
              p.aliasRows(),
              p.canonical(),
              p.rekey().size(),
              p.retire().size(),
              p.collisions().size()));
      p.collisions()
          .forEach(
              k ->
                  out.append(
                      String.format(
                          "  collision: %s -> %s, but %s -> %s%n",
                          k.aliasKey(), k.aliasId(), k.canonicalKey(), k.canonicalId())));
      out.append(
          String.format(
              "inheritance records carried along: %d (moved: %d, retired with their key: %d)%n",
              p.inheritance().size(),
              p.inheritance().stream().filter(i -> i.action().equals("moved")).count(),
              p.inheritance().stream().filter(i -> i.action().equals("retired")).count()));
      out.append(
          String.format(
              "redirects onto these rows' IDs (unchanged, still valid): %d%n",
              p.redirects().size()));
      p.refusals().forEach(r -> out.append("refused: ").append(r).append('\n'));
      if (p.refusals().isEmpty() && !p.collisions().isEmpty()) {
        out.append("apply refuses these collisions unless --merge is given\n");
      }
      return out.toString();
    }
  }
}
