package org.idminter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.idminter.core.IdMinterException;
import org.idminter.core.InvalidInputException;

/**
 * Reads configuration variables and collects every bad value, so a configuration is judged whole:
 * one error lists each bad value with its variable (and option, where there is one), instead of
 * stopping at the first.
 */
final class Problems {
  private final Map<String, String> env;
  private final List<String> found = new ArrayList<>();

  Problems(Map<String, String> env) {
    this.env = env;
  }

  /** Records a bad value: "bad value for VARIABLE (--option): 'value' (what is expected)". */
  void add(String variable, String option, String problem) {
    found.add(
        "bad value for " + variable + (option == null ? "" : " (" + option + ")") + ": " + problem);
  }

  boolean bool(String variable, String option, boolean fallback) {
    String v = value(variable);
    if (v == null) {
      return fallback;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes":
        return true;
      case "false", "0", "no":
        return false;
      default:
        add(variable, option, "'" + v + "' (expected true or false)");
        return fallback;
    }
  }

  int integer(String variable, String option, int fallback) {
    String v = value(variable);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      add(variable, option, "'" + v + "' (expected a whole number)");
      return fallback;
    }
  }

  void oneOf(String variable, String option, Set<String> allowed) {
    String v = value(variable);
    if (v != null && !allowed.contains(v.toUpperCase(Locale.ROOT))) {
      add(
          variable,
          option,
          "'" + v + "' (expected one of " + String.join(", ", new TreeSet<>(allowed)) + ")");
    }
  }

  /** The value {@code make} builds, or {@code fallback} with its failure recorded. */
  <T> T check(String names, Supplier<T> make, T fallback) {
    try {
      return make.get();
    } catch (IdMinterException e) {
      found.add("bad value for " + names + ": " + e.getMessage());
      return fallback;
    }
  }

  void throwIfAny() {
    if (found.size() == 1) {
      throw new InvalidInputException(found.get(0));
    }
    if (!found.isEmpty()) {
      throw new InvalidInputException(
          found.size() + " bad configuration values:\n  " + String.join("\n  ", found));
    }
  }

  private String value(String variable) {
    String v = env.get(variable);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
