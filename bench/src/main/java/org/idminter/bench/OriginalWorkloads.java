package org.idminter.bench;

import java.util.ArrayList;
import java.util.List;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;

/**
 * The Python id_minter's own benchmark workloads, as it runs them: its key shapes ({@code
 * Work/sierra-system-number/new-%08d}, {@code Item/sierra-system-number/item-%08d-%03d},
 * predecessors {@code Work/calm-altref-no/pred-%08d}), 500 works per call, and a mixed workload
 * that pre-seeds only the existing works themselves (50% new, 40% existing, 10% inheriting: about
 * 5,500 fresh mints from 1,000 works of 5 items). Its tables are kept between runs and emptied with
 * DELETE, and its pool holds works × (1 + items) + 1,000 IDs ({@link Workload.Setup#KEPT}).
 */
final class OriginalWorkloads {
  private OriginalWorkloads() {}

  static final String PREFIX = "original ";

  static List<Workload> all(Workload.Setup setup) {
    String p = setup == Workload.Setup.DROPIN ? "drop-in " : PREFIX;
    List<Workload> out = new ArrayList<>();
    out.add(new Workload(p + "all-new", List.of(), calls(1000, 5, Kind.NEW), setup));
    List<List<MintRequest>> existing = calls(1000, 5, Kind.NEW);
    out.add(
        new Workload(
            p + "all-existing", existing.stream().flatMap(List::stream).toList(), existing, setup));
    List<MintRequest> seed = new ArrayList<>();
    for (int w = 0; w < 1000; w++) {
      if (kindOf(w) == Kind.EXISTING) {
        seed.add(MintRequest.of(work(w))); // the work itself, not its items
      } else if (kindOf(w) == Kind.INHERITING) {
        seed.add(MintRequest.of(predecessor(w)));
      }
    }
    out.add(new Workload(p + "mixed", seed, calls(1000, 5, null), setup));
    out.add(new Workload(p + "large-fanout", List.of(), calls(200, 50, Kind.NEW), setup));
    return out;
  }

  private enum Kind {
    NEW,
    EXISTING,
    INHERITING
  }

  private static Kind kindOf(int w) {
    return w % 10 < 5 ? Kind.NEW : w % 10 < 9 ? Kind.EXISTING : Kind.INHERITING;
  }

  /** {@code only} null: each work's kind as the mixed workload has it. */
  private static List<List<MintRequest>> calls(int works, int items, Kind only) {
    List<List<MintRequest>> calls = new ArrayList<>();
    List<MintRequest> call = new ArrayList<>();
    for (int w = 0; w < works; w++) {
      Kind kind = only != null ? only : kindOf(w);
      call.add(
          kind == Kind.INHERITING
              ? MintRequest.inheriting(work(w), predecessor(w))
              : MintRequest.of(work(w)));
      for (int i = 0; i < items; i++) {
        call.add(MintRequest.of(item(w, i)));
      }
      if ((w + 1) % Workload.WORKS_PER_CALL == 0 || w == works - 1) {
        calls.add(call);
        call = new ArrayList<>();
      }
    }
    return calls;
  }

  static SourceIdentifier work(int w) {
    return new SourceIdentifier("Work", "sierra-system-number", String.format("new-%08d", w));
  }

  static SourceIdentifier item(int w, int i) {
    return new SourceIdentifier(
        "Item", "sierra-system-number", String.format("item-%08d-%03d", w, i));
  }

  static SourceIdentifier predecessor(int w) {
    return new SourceIdentifier("Work", "calm-altref-no", String.format("pred-%08d", w));
  }
}
