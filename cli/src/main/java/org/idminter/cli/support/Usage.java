package org.idminter.cli.support;

import java.util.List;
import java.util.function.Supplier;
import org.idminter.core.InvalidInputException;
import org.idminter.core.SourceIdentifier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Argument values checked after parsing: a bad one is a usage error (exit 2), like picocli's. */
public final class Usage {
  private Usage() {}

  /** Fails unless {@code value} is positive, naming the option. */
  public static void positive(CommandSpec spec, String option, long value, String meaning) {
    if (value < 1) {
      throw new ParameterException(
          spec.commandLine(), "bad " + option + " " + value + ": " + meaning + " must be positive");
    }
  }

  /** The value {@code check} gives, or a usage error with the reason it refused the argument. */
  public static <T> T checked(CommandSpec spec, Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Keys given on the command line, parsed; a malformed one is a usage error naming it. */
  public static List<SourceIdentifier> keys(CommandSpec spec, List<String> given) {
    return checked(spec, () -> given.stream().map(SourceIdentifier::parse).toList());
  }
}
