package org.idminter.cli.command;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.Json;
import org.idminter.cli.support.Usage;
import org.idminter.core.id.IdDetector;
import org.idminter.core.id.NewIds;
import org.idminter.serve.wire.JsonShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * ID schemes: new IDs of a scheme and which schemes a value is valid in (no database), and the
 * internal↔external registry (register, allocate, resolve).
 */
@Command(
    name = "ids",
    header = "Work with ID schemes: ULID, flake64, canonical IDs, qids, UUIDs.",
    mixinStandardHelpOptions = true,
    description =
        "Generate IDs of a scheme, detect which schemes a value is valid in, and register,"
            + " allocate and resolve internal flake64 ↔ external IDs in the registry.",
    subcommands = {
      IdsCommand.New.class,
      IdsCommand.Detect.class,
      IdsRegisterCommand.class,
      IdsAllocateCommand.class,
      IdsResolveCommand.class
    })
public final class IdsCommand {
  @Command(
      name = "new",
      header = "Print new IDs of a scheme.",
      mixinStandardHelpOptions = true,
      description =
          "Print N new IDs, one per line: ulid (monotonic), flake64 (decimal) or canonical. A"
              + " canonical ID printed here is generated, not claimed from the pool: only mint"
              + " gives one to a key.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  ./idminter ids new --scheme ulid -n 5",
        "  ./idminter ids new --scheme flake64 --json"
      })
  static final class New implements Callable<Integer> {
    enum Scheme {
      ulid,
      flake64,
      canonical
    }

    @Option(
        names = "--scheme",
        paramLabel = "SCHEME",
        defaultValue = "ulid",
        description = "ulid, flake64 or canonical (default ulid).")
    Scheme scheme;

    @Option(
        names = "-n",
        paramLabel = "N",
        defaultValue = "1",
        description = "How many (default 1, at most 1,000,000).")
    int count;

    @Option(names = "--json", description = "Print a JSON list of strings.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Usage.positive(spec, "-n", count, "the number of IDs");
      if (count > 1_000_000) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "bad -n " + count + ": at most 1,000,000 per call");
      }
      List<String> ids =
          new NewIds(InstantSource.system(), new SecureRandom()).next(scheme.name(), count);
      spec.commandLine()
          .getOut()
          .print(json ? Json.write(ids) + "\n" : String.join("\n", ids) + "\n");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "detect",
      header = "Say which ID schemes each value is valid in.",
      mixinStandardHelpOptions = true,
      description =
          "Print, per value, every scheme it is valid in (ulid, uuid with its version, flake64 in"
              + " decimal or base32, qid with its entity type, canonical, integer) and the time"
              + " embedded in it where there is one: VALUE<TAB>SCHEME<TAB>DETAIL<TAB>TIME|-. A value"
              + " valid in no scheme prints VALUE<TAB>-; the exit code is then 1.",
      footerHeading = "%nExamples:%n",
      footer = {"  ./idminter ids detect 01ARZ3NDEKTSV4RRFFQ69G5FAV Q42 vg7ev4w3"})
  static final class Detect implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "VALUE", description = "Values to examine.")
    List<String> values;

    @Option(
        names = "--json",
        description = "Print [{\"value\", \"matches\": [{\"scheme\", \"detail\", \"time\"}]}].")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      boolean allMatched = true;
      List<Map<String, Object>> out = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (String v : values) {
        List<IdDetector.Match> matches = IdDetector.detect(v);
        allMatched &= !matches.isEmpty();
        for (IdDetector.Match m : matches) {
          text.append(v)
              .append('\t')
              .append(m.scheme())
              .append('\t')
              .append(m.detail().isEmpty() ? "-" : m.detail())
              .append('\t')
              .append(m.time().map(Object::toString).orElse("-"))
              .append('\n');
        }
        if (matches.isEmpty()) {
          text.append(v.isEmpty() ? "(empty)" : v).append("\t-\n");
        }
        out.add(JsonShapes.detection(v, matches));
      }
      spec.commandLine().getOut().print(json ? Json.write(out) + "\n" : text);
      return allMatched ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}
