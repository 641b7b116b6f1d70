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
  /** Every variable a file may set (the README's configuration table, the RDS_* and ES_* ones). */
  private static final List<String> KNOWN =
      List.of(
          "IDMINTER_DB_URL",
          "IDMINTER_DB_USER",
          "IDMINTER_DB_PASSWORD",
          "IDMINTER_DATA_DIR",
          "APPLY_MIGRATIONS",
          "IDMINTER_AUTO_TOP_UP",
          "IDMINTER_POOL_LOW_WATER",
          "IDMINTER_POOL_TOP_UP_TO",
          "IDMINTER_ID_SOURCE",
          "IDMINTER_DB_MAX_CONNECTIONS",
          "IDMINTER_ONTOLOGY_TYPES",
          "IDMINTER_QID_PREFIXES",
          "IDMINTER_CACHE_URL",
          "IDMINTER_DB_READ_URL",
          "IDMINTER_CACHE_SIZE",
          "IDMINTER_BIND",
          "IDMINTER_PORT",
          "IDMINTER_API_TOKENS_FILE",
          "IDMINTER_REQUIRE_TOKEN_FOR_READS",
          "IDMINTER_LOG_FORMAT",
          "IDMINTER_MAX_BODY_MB",
          "IDMINTER_MAX_KEYS",
          "IDMINTER_IDLE_TIMEOUT_S",
          "IDMINTER_SHUTDOWN_GRACE_S",
          "RDS_PRIMARY_HOST",
          "RDS_PORT",
          "RDS_USERNAME",
          "RDS_PASSWORD",
          "IDENTIFIERS_DATABASE",
          "ES_URL",
          "ES_API_KEY",
          "ES_USER",
          "ES_PASSWORD",
          "ES_SOURCE_INDEX",
          "ES_TARGET_INDEX");

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
      if (!KNOWN.contains(key)) {
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
              + ", which idminter does not read from a file (a misspelling?): it reads "
              + String.join(", ", KNOWN)
              + "; "
              + String.join(", ", ENVIRONMENT_ONLY)
              + " act before the file is read and belong in the environment");
    }
    merged.putAll(environment);
    return merged;
  }
}
