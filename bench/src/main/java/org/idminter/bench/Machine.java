package org.idminter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on, recorded with them. */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return m;
  }

  private static String firstValue(Path file, String field) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(field))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (Exception e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
