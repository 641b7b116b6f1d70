package org.idminter.pipeline;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.idminter.core.InvalidInputException;
import org.idminter.core.Text;

/**
 * Job ids, one rule for the command line and the Lambda handler: a job id names a report file, so
 * it is 1 to 128 letters, digits, dots, dashes and underscores, starting with a letter or digit (no
 * path separators, no {@code ..} escaping the report directory).
 */
public final class JobIds {
  public static final int MAX_LENGTH = 128;
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final DateTimeFormatter DEFAULT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private JobIds() {}

  /**
   * The given job id once checked, or a new one: the current time to the second (UTC) and four
   * random hex digits, e.g. {@code 20260131T120000-3fa9}, so runs in the same second differ.
   */
  public static String orDefault(Optional<String> given, Clock clock, RandomGenerator random) {
    return given
        .map(JobIds::check)
        .orElseGet(
            () ->
                DEFAULT.format(clock.instant()) + String.format("-%04x", random.nextInt(1 << 16)));
  }

  /**
   * @throws InvalidInputException naming the id and the rule it breaks
   */
  public static String check(String id) {
    if (id == null || !FORM.matcher(id).matches() || id.contains("..")) {
      throw new InvalidInputException(
          "bad job id "
              + Text.quote(id)
              + (id != null && id.length() > MAX_LENGTH ? " (" + id.length() + " characters)" : "")
              + ": use 1 to "
              + MAX_LENGTH
              + " letters, digits, '.', '-' and '_', starting with a letter or digit"
              + " (it names the report file)");
    }
    return id;
  }
}
