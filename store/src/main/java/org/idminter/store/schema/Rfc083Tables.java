package org.idminter.store.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.idminter.store.dialect.Dialect;

/**
 * RFC 083's two tables exactly as the store's first Flyway migration (V1) creates them, for a
 * caller that needs them beside an existing {@code identifiers} table: the legacy migration builds
 * {@code identifiers_new} and swaps it in. The DDL lives once, in V1 (whose text cannot change:
 * Flyway checksums it); this reads that script and makes each CREATE idempotent ({@code IF NOT
 * EXISTS}) with the identifiers table renamed.
 */
public final class Rfc083Tables {
  private static final Pattern CREATE =
      Pattern.compile("^CREATE (TABLE|INDEX) (\\w+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern IDENTIFIERS =
      Pattern.compile("(?<=^CREATE TABLE IF NOT EXISTS |\\bON )identifiers\\b(?=\\s*\\()");

  private Rfc083Tables() {}

  /**
   * V1's statements for {@code dialect}, with {@code placeholders} filled in (the dialect's
   * migration placeholders) and the identifiers table named {@code identifiersTable}.
   */
  public static List<String> statements(
      Dialect dialect, Map<String, String> placeholders, String identifiersTable) {
    if (!identifiersTable.matches("[a-z_]+")) {
      throw new IllegalArgumentException("a table name is lower case letters and _");
    }
    String text = read("/db/migration/" + dialect.migrationFolder() + "/V1__identifiers.sql");
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      text = text.replace("${" + p.getKey() + "}", p.getValue());
    }
    List<String> out = new ArrayList<>();
    int renamed = 0;
    for (String part : text.replaceAll("(?m)^--.*$", "").split(";")) {
      String sql = part.strip();
      if (sql.isEmpty()) {
        continue;
      }
      Matcher create = CREATE.matcher(sql);
      if (!create.find()) {
        throw new IllegalStateException("V1 holds a statement that is not a CREATE: " + sql);
      }
      sql = create.replaceFirst("CREATE $1 IF NOT EXISTS $2");
      Matcher name = IDENTIFIERS.matcher(sql);
      if (name.find()) {
        sql = name.replaceAll(identifiersTable);
        renamed++;
      }
      out.add(sql);
    }
    if (renamed == 0 || text.contains("${")) {
      throw new IllegalStateException(
          "V1 for " + dialect.migrationFolder() + " did not read as expected: " + out);
    }
    return List.copyOf(out);
  }

  private static String read(String path) {
    try (InputStream in = Rfc083Tables.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
