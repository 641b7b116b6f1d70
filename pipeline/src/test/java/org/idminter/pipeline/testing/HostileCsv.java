package org.idminter.pipeline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.idminter.core.CanonicalId;
import org.idminter.core.id.CanonicalIdGenerator;

/**
 * CSV files as an adversary writes them, from a seed: valid rows whose values hold quoted commas,
 * quotes, non-ASCII text and spaces, and bad rows (an unquoted comma shifting the fields, a short
 * row, a blank value, a bad canonical ID, an empty system). A file with any bad row must be refused
 * whole, naming every bad row; a file of valid rows must import every row exactly as written.
 */
public final class HostileCsv {
  public static final String HEADER = "\uFEFFCanonicalId,OntologyType,SourceSystem,SourceId";

  /**
   * One row: its text, the key and ID it states when valid, and whether that ID already belongs to
   * another key (the import must report it, not store it).
   */
  public record Row(
      String text, boolean good, String key, String canonicalId, boolean contradicts) {
    Row(String text, boolean good, String key, String canonicalId) {
      this(text, good, key, canonicalId, false);
    }
  }

  /** One file's rows (the header comes first when written). */
  public record File(int index, List<Row> rows) {
    public long bad() {
      return rows.stream().filter(r -> !r.good()).count();
    }

    public long contradicting() {
      return rows.stream().filter(Row::contradicts).count();
    }

    public String text() {
      StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
      rows.forEach(r -> sb.append(r.text()).append(r.text().endsWith("\n") ? "" : "\n"));
      return sb.toString();
    }
  }

  private static final String[] VALUES = {
    "\"b1, with comma\"",
    "\"say \"\"hi\"\"\"",
    "Ünïcödé",
    "\"trailing \"",
    " leading",
    "😀",
    "\"a,b,c\"",
    "x/y/z",
    "ℌ𝔢𝔩𝔩𝔬",
    "e\u0301"
  };

  private HostileCsv() {}

  public static List<File> generate(long seed, int files, int rowsPerFile) {
    Random random = new Random(seed);
    // Another stream than a store opened with the same seed draws its pool from: the files' IDs
    // should meet the store's only where a row is meant to contradict it.
    CanonicalIdGenerator ids = new CanonicalIdGenerator(new Random(~seed * 31 + 7));
    List<File> out = new ArrayList<>();
    int serial = 0;
    String taken = null; // an ID an earlier file gave, for rows that contradict it
    for (int f = 0; f < files; f++) {
      boolean clean = random.nextInt(5) < 2;
      List<Row> rows = new ArrayList<>();
      for (int r = 0; r < rowsPerFile; r++) {
        serial++;
        CanonicalId id = ids.next();
        String system = "fuzz-" + seed + "-" + f;
        int pick = clean ? (random.nextInt(10) == 0 ? 6 : 0) : random.nextInt(12);
        if (pick == 6 && taken != null) {
          String key = "Work[" + system + "/v" + serial + "-taken]";
          rows.add(
              new Row(
                  taken + ",Work," + system + ",v" + serial + "-taken", true, key, taken, true));
        } else {
          rows.add(row(pick, id.value(), system, serial, random));
        }
      }
      if (taken == null && rows.stream().noneMatch(r -> !r.good())) {
        taken = rows.get(0).canonicalId();
      }
      out.add(new File(f, List.copyOf(rows)));
    }
    return out;
  }

  private static Row row(int pick, String id, String system, int serial, Random r) {
    String quoted = VALUES[r.nextInt(VALUES.length)];
    String plain = "v" + serial + "-";
    return switch (pick) {
      case 7 -> new Row(id + ",Work," + system + "," + plain + "x,extra", false, "", "");
      case 8 -> new Row(id + ",Work," + system, false, "", "");
      case 9 -> new Row(id + ",Work," + system + ",\" \"", false, "", "");
      case 10 -> new Row(id.toUpperCase() + ",Work," + system + "," + plain, false, "", "");
      case 11 -> new Row(id + ",Work,," + plain, false, "", "");
      default -> {
        String value = plain + unquote(quoted);
        String text = id + ",Work," + system + "," + requote(value);
        yield new Row(text, true, "Work[" + system + "/" + value + "]", id);
      }
    };
  }

  private static String unquote(String v) {
    return v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\"\"", "\"") : v;
  }

  private static String requote(String v) {
    return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
