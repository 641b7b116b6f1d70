package org.idminter.cli.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.idminter.core.InvalidInputException;

/**
 * A configuration file for those who prefer one to variables: {@code KEY=value} lines with the same
 * keys as the environment variables ({@code #} starts a comment). Variables win over the file,
 * options over both. A key idminter does not know is an error (a misspelled key would otherwise be
 * ignored silently).
 */
final class ConfigFile {
  private static final List<String> PREFIXES = List.of("IDMINTER_", "RDS_", "ES_");
  private static final List<String> OTHERS = List.of("APPLY_MIGRATIONS", "IDENTIFIERS_DATABASE");

  /** Variables only the process's environment can set: they act before any file is read. */
  private static final List<String> ENVIRONMENT_ONLY =
      List.of("IDMINTER_CONFIG", "IDMINTER_JAVA_OPTS", "IDMINTER_LOG_LEVEL", "IDMINTER_DEBUG");

  private ConfigFile() {}

  /** The environment with the file's settings under it (the environment wins). */
  static Map<String, String> under(Path file, Map<String, String> environment) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "cannot read the configuration file " + file + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(
          "cannot read the configuration file " + file + ": " + e.getMessage());
    }
    List<String> unknown = new ArrayList<>();
    Map<String, String> merged = new HashMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      if (!known(key) || ENVIRONMENT_ONLY.contains(key)) {
        unknown.add(key);
      } else {
        merged.put(key, p.getProperty(key).trim());
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          "the configuration file "
              + file
              + " sets "
              + String.join(", ", unknown)
              + ", which idminter does not read from a file: use the keys of the environment"
              + " variables in the README (IDMINTER_*, RDS_*, ES_*, APPLY_MIGRATIONS,"
              + " IDENTIFIERS_DATABASE); "
              + String.join(", ", ENVIRONMENT_ONLY)
              + " must be set in the environment");
    }
    merged.putAll(environment);
    return merged;
  }

  private static boolean known(String key) {
    return OTHERS.contains(key) || PREFIXES.stream().anyMatch(key::startsWith);
  }
}
