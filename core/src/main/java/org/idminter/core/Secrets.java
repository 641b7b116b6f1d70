package org.idminter.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of every message, log line and report. Each credential idminter is given (a
 * database or search-engine password, an API key, the user-info or password parameter of a URL) is
 * registered once, where configuration is read; {@link #redact} then replaces it wherever it turns
 * up, whichever library wrote the text. A driver that misreads {@code user:S3cret@host} as a host
 * and a port and reports {@code Incorrect port value : S3cret@host} is caught here too, which no
 * URL pattern can do.
 *
 * <p>Process-wide on purpose: the messages to clean come from drivers, HTTP clients and Flyway, far
 * from the code that knows the configuration. Values shorter than {@link #MIN_LENGTH} characters
 * are redacted only where a URL pattern finds them, so that a one-letter password does not garble
 * every message.
 */
public final class Secrets {
  public static final int MIN_LENGTH = 3;
  private static final String MASK = "***";

  private static final Set<String> KNOWN = new HashSet<>();

  /**
   * The maskable credentials, longest first (so a password containing another is masked whole);
   * rebuilt on the rare register, read on every message.
   */
  private static volatile List<String> masked = List.of();

  /** password=…, pwd=…, api_key=…, token=…, secret=… in URLs and connection strings. */
  private static final Pattern PARAMETER =
      Pattern.compile(
          "(?i)((?:password|passwd|pwd|api[_-]?key|apikey|token|secret|access[_-]?key)\\s*=)([^&;\\s]*)");

  /** scheme://user:password@host: the password runs to the last @ before the path. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^:/@?#\\s]*):([^\\s]*)@");

  private Secrets() {}

  /** Registers a credential; blank values are ignored. */
  public static void register(String secret) {
    if (secret == null || secret.isBlank()) {
      return;
    }
    synchronized (KNOWN) {
      if (KNOWN.add(secret) | KNOWN.add(decode(secret))) {
        masked =
            KNOWN.stream()
                .filter(s -> s.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
      }
    }
  }

  /** Registers the credentials a URL carries: its user-info password and password parameters. */
  public static void registerUrl(String url) {
    if (url == null) {
      return;
    }
    Matcher userInfo = USER_INFO.matcher(url);
    if (userInfo.find()) {
      register(userInfo.group(2));
    }
    Matcher parameter = PARAMETER.matcher(url);
    while (parameter.find()) {
      register(parameter.group(2));
    }
  }

  /** The URL with its user-info password and password parameters masked. */
  public static String redactUrl(String url) {
    if (url == null) {
      return "";
    }
    String out = PARAMETER.matcher(url).replaceAll("$1" + MASK);
    return USER_INFO.matcher(out).replaceAll("$1:" + MASK + "@");
  }

  /** The text with URL credentials and every registered credential masked. */
  public static String redact(String text) {
    if (text == null) {
      return "";
    }
    String out = redactUrl(text);
    for (String secret : masked) {
      if (out.contains(secret)) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value; // not URL-encoded: the raw value is registered already
    }
  }
}
