package org.idminter.pipeline.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Works as an adversary writes them, from a seed: good works whose {@code data} holds the numbers,
 * strings, keys and nesting JSON allows at its edges (which idminter must write back unchanged),
 * and bad works (bytes that are not UTF-8, duplicate keys, blank or over-long key parts, broken
 * JSON, nesting past the limit, documents past the size limit) which must each fail alone.
 */
public final class HostileWorks {
  /** The nesting limit and size limit the works are judged against. */
  public static final int MAX_DEPTH = 1000;

  public static final int MAX_BYTES = 1 << 20;

  /** One input line; {@code good} works must be written, the others reported as failed. */
  public record Case(int index, String kind, boolean good, byte[] line) {
    public String workValue() {
      return "fuzz-" + index;
    }
  }

  private static final String[] NUMBERS = {
    "-0.0",
    "-0",
    "0",
    "1E2",
    "1e+2",
    "4.9e-330",
    "1e9999",
    "1e100000000",
    "-1E-100000000",
    "0.60",
    "123456789012345678901234567890",
    "-9223372036854775809",
    "9223372036854775807",
    "1.7976931348623157e309",
    "2.2250738585072014E-308",
    "0.0000000000000000000001",
    "10.000"
  };

  private static final String[] STRINGS = {
    "",
    " ",
    "\\u0000",
    "\\ud83d\\ude00",
    "😀",
    "\\\"quoted\\\"",
    "back\\\\slash",
    "\\/",
    "ï¿½",
    "line\\nbreak",
    "\\u2028\\u2029",
    "ℌ𝔢𝔩𝔩𝔬",
    "تجريب",
    "\\t",
    "e\\u0301"
  };

  private HostileWorks() {}

  public static List<Case> generate(long seed, int count) {
    Random random = new Random(seed);
    List<Case> cases = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(100);
      cases.add(pick < 60 ? good(i, random) : bad(i, random, pick));
    }
    return cases;
  }

  private static Case good(int i, Random r) {
    StringBuilder data = new StringBuilder();
    value(data, r, 0, 1 + r.nextInt(4));
    if (r.nextInt(20) == 0) { // deep, but within the limit
      int depth = 100 + r.nextInt(MAX_DEPTH - 120);
      data = new StringBuilder("[".repeat(depth) + data + "]".repeat(depth));
    }
    String line = work("fuzz-" + i, "\"data\":" + data);
    return new Case(i, "good", true, utf8(line));
  }

  private static Case bad(int i, Random r, int pick) {
    String id = "fuzz-" + i;
    return switch (pick % 10) {
      case 0 -> {
        byte[] line = utf8(work(id, "\"data\":\"xx\""));
        line[line.length - 4] = (byte) (0x80 + r.nextInt(0x7f)); // a lone continuation byte
        yield new Case(i, "not-utf8", false, line);
      }
      case 1 ->
          new Case(
              i,
              "duplicate-key",
              false,
              utf8(work(id, "\"data\":{\"a\":1,\"b\":2,\"a\":" + i + "}")));
      case 2 ->
          new Case(
              i,
              "duplicate-state",
              false,
              utf8(
                  "{\"state\":{\"sourceIdentifier\":"
                      + identifier("A-" + id)
                      + "},\"state\":{\"sourceIdentifier\":"
                      + identifier(id)
                      + "}}"));
      case 3 ->
          new Case(
              i,
              "blank-value",
              false,
              utf8(work(new String[] {" ", "\\u00a0", "\\u3000 ", "\\t"}[r.nextInt(4)], "")));
      case 4 -> new Case(i, "long-value", false, utf8(work("v".repeat(256 + r.nextInt(100)), "")));
      case 5 -> {
        String w = work(id, "\"data\":[1,2,3]");
        yield new Case(i, "truncated", false, utf8(w.substring(0, 1 + r.nextInt(w.length() - 2))));
      }
      case 6 -> {
        int depth = MAX_DEPTH + 1 + r.nextInt(5_000);
        yield new Case(
            i,
            "too-deep",
            false,
            utf8(work(id, "\"data\":" + "[".repeat(depth) + "]".repeat(depth))));
      }
      case 7 ->
          new Case(
              i,
              "not-a-string",
              false,
              utf8(
                  "{\"state\":{\"sourceIdentifier\":{\"identifierType\":{\"id\":\"fuzz\"},"
                      + "\"ontologyType\":\"Work\",\"value\":"
                      + NUMBERS[r.nextInt(NUMBERS.length)]
                      + "}}}"));
      case 8 ->
          r.nextInt(20) == 0
              ? new Case(
                  i,
                  "too-large",
                  false,
                  utf8(work(id, "\"data\":\"" + "x".repeat(MAX_BYTES) + "\"")))
              : new Case(i, "no-identifier", false, utf8("{\"data\":{\"state\":" + i + "}}"));
      default ->
          new Case(
              i,
              "bad-node",
              false,
              utf8(
                  work(
                      id,
                      "\"data\":{\"items\":[{\"id\":{\"sourceIdentifier\":"
                          + "{\"ontologyType\":\"Item\",\"value\":\"i\"}}}]}")));
    };
  }

  private static void value(StringBuilder out, Random r, int depth, int width) {
    int kind = depth > 4 ? r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0 -> out.append(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 1 -> out.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
      case 2 -> out.append(new String[] {"true", "false", "null"}[r.nextInt(3)]);
      case 3 -> out.append(r.nextInt(2) == 0 ? "-0" : r.nextLong());
      case 4 -> {
        out.append('[');
        for (int k = 0; k < width; k++) {
          out.append(k == 0 ? "" : ",");
          value(out, r, depth + 1, 1 + r.nextInt(4));
        }
        out.append(']');
      }
      default -> {
        out.append('{');
        for (int k = 0; k < width; k++) {
          out.append(k == 0 ? "" : ",")
              .append("\"k")
              .append(k)
              .append(STRINGS[r.nextInt(STRINGS.length)])
              .append("\":");
          value(out, r, depth + 1, 1 + r.nextInt(4));
        }
        out.append('}');
      }
    }
  }

  private static String identifier(String value) {
    return "{\"identifierType\":{\"id\":\"fuzz\"},\"ontologyType\":\"Work\",\"value\":\""
        + value
        + "\"}";
  }

  private static String work(String value, String rest) {
    return "{\"state\":{\"sourceIdentifier\":"
        + identifier(value)
        + "}"
        + (rest.isEmpty() ? "" : "," + rest)
        + "}";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The cases as one JSON Lines input. */
  public static byte[] jsonLines(List<Case> cases) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Case c : cases) {
      out.writeBytes(c.line());
      out.write('\n');
    }
    return out.toByteArray();
  }
}
