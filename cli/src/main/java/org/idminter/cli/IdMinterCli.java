package org.idminter.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idminter.cli.command.AliasesCommand;
import org.idminter.cli.command.BackfillCommand;
import org.idminter.cli.command.HistoryCommand;
import org.idminter.cli.command.IdentifyCommand;
import org.idminter.cli.command.IdsCommand;
import org.idminter.cli.command.ImportCommand;
import org.idminter.cli.command.LegacyCommand;
import org.idminter.cli.command.LookupCommand;
import org.idminter.cli.command.MergeCommand;
import org.idminter.cli.command.MintCommand;
import org.idminter.cli.command.PoolCommand;
import org.idminter.cli.command.RekeyCommand;
import org.idminter.cli.command.ResolveCommand;
import org.idminter.cli.command.RunCommand;
import org.idminter.cli.command.SchemaCommand;
import org.idminter.cli.command.ServeCommand;
import org.idminter.cli.command.SystemsCommand;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.SecretGuard;
import org.idminter.cli.support.Version;
import org.idminter.core.IdMinterException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The idminter command line. Exit codes: 0 ok, 1 failure, 2 usage error, 3 partial failure, 4 check
 * failed.
 */
@Command(
    name = "idminter",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Stable canonical identifiers for catalogue records.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure (one-line reason on stderr)",
      "2:usage error",
      "3:partial failure (some rows or records failed; the rest were done)",
      "4:a check found the state wanting (schema status, pool status --min-free)"
    })
public final class IdMinterCli implements Runnable {
  /** idminter's commands, in the order help lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          IdentifyCommand.class,
          RunCommand.class,
          MintCommand.class,
          LookupCommand.class,
          ImportCommand.class,
          PoolCommand.class,
          SchemaCommand.class,
          AliasesCommand.class,
          MergeCommand.class,
          SystemsCommand.class,
          ResolveCommand.class,
          HistoryCommand.class,
          LegacyCommand.class,
          RekeyCommand.class,
          BackfillCommand.class,
          IdsCommand.class,
          ServeCommand.class);

  /** picocli's own helper commands, which need every command beside them. */
  private static final List<Class<?>> TOOLS =
      List.of(
          picocli.AutoComplete.GenerateCompletion.class,
          picocli.codegen.docgen.manpage.ManPageGenerator.class,
          CommandLine.HelpCommand.class);

  /**
   * Adds the command {@code args} names, alone, or every command when it names none of them (help,
   * usage errors, completion). Building picocli's model of all seventeen commands and their options
   * took about 0.4 s of every start; a run needs only its own.
   */
  private static void addCommands(CommandLine cli, String[] args) {
    if (args.length == 1 && List.of("-V", "--version").contains(args[0])) {
      return;
    }
    if (args.length > 0) {
      for (Class<?> c : COMMANDS) {
        Command command = c.getAnnotation(Command.class);
        if (command.name().equals(args[0]) || List.of(command.aliases()).contains(args[0])) {
          cli.addSubcommand(c);
          return;
        }
      }
    }
    COMMANDS.forEach(cli::addSubcommand);
    TOOLS.forEach(cli::addSubcommand);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    SecretGuard.register(args, System.getenv());
    System.setErr(SecretGuard.redacting(System.err));
    int code;
    try {
      code = run(args);
    } catch (OutOfMemoryError e) {
      System.err.printf(
          "idminter: out of memory (this JVM may use %,d MB): give it more with"
              + " IDMINTER_JAVA_OPTS=-Xmx…, or lower --max-document-mb or --batch-size%n",
          Runtime.getRuntime().maxMemory() / (1024 * 1024));
      code = ExitCodes.FAILURE;
    }
    System.exit(code);
  }

  /** A usage error in words: an unknown command is called that, not an "unmatched argument". */
  private static String usageMessage(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException u
        && !u.isUnknownOption()
        && !e.getCommandLine().getSubcommands().isEmpty()
        && !u.getUnmatched().isEmpty()) {
      return "unknown command '" + u.getUnmatched().get(0) + "'";
    }
    return e.getMessage();
  }

  /** Runs the CLI and returns its exit code (for tests and the launcher). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new IdMinterCli());
    addCommands(cli, args);
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          PrintWriter err = e.getCommandLine().getErr();
          err.println("idminter: " + usageMessage(e));
          CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
          err.println("see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
          err.flush();
          return ExitCodes.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof IdMinterException) {
            err.println("idminter: " + e.getMessage());
          } else {
            err.println("idminter: unexpected error: " + e + " (set IDMINTER_DEBUG=1 for details)");
          }
          if ("1".equals(System.getenv("IDMINTER_DEBUG"))) {
            e.printStackTrace(err);
          }
          err.flush();
          return ExitCodes.FAILURE;
        });
    // One writer each for the whole command tree, flushed once the command is done.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    cli.setOut(out);
    cli.setErr(err);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
