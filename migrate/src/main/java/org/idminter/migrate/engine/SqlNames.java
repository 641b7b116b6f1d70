package org.idminter.migrate.engine;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Names a migration gives the constraints and indexes it creates. */
public final class SqlNames {
  private SqlNames() {}

  /**
   * {@code prefix + name} in lower case, within PostgreSQL's 63 characters: a long name keeps its
   * first 40 characters and ends in a hash of the whole, so two long names stay apart.
   */
  public static String bounded(String prefix, String name) {
    String t = name.toLowerCase(Locale.ROOT);
    if (prefix.length() + t.length() <= 60) {
      return prefix + t;
    }
    int h = java.util.Arrays.hashCode(t.getBytes(StandardCharsets.UTF_8));
    return prefix + t.substring(0, 40) + "_" + String.format("%08x", h);
  }
}
