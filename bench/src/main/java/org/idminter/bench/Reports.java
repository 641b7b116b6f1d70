package org.idminter.bench;

import java.util.List;
import java.util.Map;

/** Markdown tables for the scale, document and JMH parts. */
final class Reports {
  private Reports() {}

  /** Steps' times in seconds, one decimal: {@code plan 3.3, add 1.0, …}. */
  /** Seconds elapsed since {@code since}, a {@link System#nanoTime()} reading. */
  static double secondsSince(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static String seconds(Map<String, Long> stepMillis) {
    StringBuilder out = new StringBuilder();
    stepMillis.forEach(
        (step, ms) ->
            out.append(out.length() == 0 ? "" : ", ")
                .append(step)
                .append(' ')
                .append(String.format("%.1f", ms / 1000.0)));
    return out.toString();
  }

  static String scale(List<Map<String, Object>> rows) {
    StringBuilder sb =
        new StringBuilder(
            "| database | seeded rows | operation | workers | idminter ids/s | raw ids/s |"
                + " idminter / raw |\n|---|---:|---|---:|---:|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      if (r.containsKey("ratio")) {
        sb.append(
            String.format(
                "| %s | %,d | %s | %d | %,d | %,d | %.0f%% |%n",
                r.get("database"),
                (long) r.get("seeded_rows"),
                r.get("operation"),
                (int) r.get("workers"),
                (long) r.get("idminter_ids_per_s"),
                (long) r.get("raw_ids_per_s"),
                100 * (double) r.get("ratio")));
      } else {
        sb.append(
            String.format(
                "| %s | %,d | %s: %,d in %.1f s | | %,d /s | | |%n",
                r.get("database"),
                (long) r.get("seeded_rows"),
                r.get("operation"),
                (long) r.get("count"),
                (double) r.get("ms") / 1000,
                (long) r.get("per_s")));
      }
    }
    return sb.toString();
  }

  static String documents(List<Map<String, Object>> rows) {
    StringBuilder sb =
        new StringBuilder("| minter | works | median ms | works/s |\n|---|---:|---:|---:|\n");
    for (Map<String, Object> r : rows) {
      sb.append(
          String.format(
              "| %s | %,d | %.1f | %,d |%n",
              r.get("minter"),
              (int) r.get("works"),
              (double) r.get("median_ms"),
              (long) r.get("works_per_s")));
    }
    return sb.toString();
  }

  static String jmh(List<Map<String, Object>> rows) {
    StringBuilder sb =
        new StringBuilder("| benchmark | score | ± (99.9%) | unit |\n|---|---:|---:|---|\n");
    for (Map<String, Object> r : rows) {
      sb.append(
          String.format(
              "| %s | %,.1f | %,.1f | %s |%n",
              r.get("benchmark"),
              (double) r.get("score"),
              (double) r.get("error_99_9"),
              r.get("unit")));
    }
    return sb.toString();
  }
}
