package org.idminter.bench;

import java.util.ArrayList;
import java.util.List;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.store.pool.IdSource;

/**
 * The id_minter benchmark workloads: works of one primary identifier plus item identifiers. {@code
 * seed} is minted (untimed) before {@code calls} are timed, by mints taking new IDs from {@code
 * source}.
 */
record Workload(
    String name,
    List<MintRequest> seed,
    List<List<MintRequest>> calls,
    IdSource source,
    Setup setup) {
  static final int WORKS_PER_CALL = 500;

  /** What a run starts from. */
  enum Setup {
    /** idminter's schema made anew (tables dropped and migrated) before every run. */
    FRESH,
    /** idminter's schema kept between runs and emptied with DELETE, as the original's benchmark. */
    KEPT,
    /**
     * The Python id_minter's own tables (RFC 083 DDL, latin1) baselined by {@code schema migrate},
     * kept and emptied with DELETE: MySQL and MariaDB only.
     */
    DROPIN
  }

  Workload(String name, List<MintRequest> seed, List<List<MintRequest>> calls) {
    this(name, seed, calls, IdSource.DEFAULT, Setup.FRESH);
  }

  Workload(String name, List<MintRequest> seed, List<List<MintRequest>> calls, Setup setup) {
    this(name, seed, calls, IdSource.DEFAULT, setup);
  }

  /** The same workload with new IDs from {@code s}, named for it ("all-new · claim IDs"). */
  Workload from(IdSource s) {
    return new Workload(base() + " · " + s.setting() + " IDs", seed, calls, s, setup);
  }

  /** The name without the ID source. */
  String base() {
    int at = name.indexOf(" · ");
    return at < 0 ? name : name.substring(0, at);
  }

  int identifiers() {
    return calls.stream().mapToInt(List::size).sum();
  }

  static Workload allNew(int works, int itemsPerWork) {
    return new Workload("all-new", List.of(), batch(works, itemsPerWork, w -> Kind.NEW));
  }

  static Workload allExisting(int works, int itemsPerWork) {
    List<List<MintRequest>> calls = batch(works, itemsPerWork, w -> Kind.NEW);
    return new Workload("all-existing", calls.stream().flatMap(List::stream).toList(), calls);
  }

  /** Primary identifiers 50% new, 40% existing, 10% inheriting from a pre-seeded predecessor. */
  static Workload mixed(int works, int itemsPerWork) {
    List<List<MintRequest>> calls =
        batch(
            works,
            itemsPerWork,
            w -> w % 10 < 5 ? Kind.NEW : w % 10 < 9 ? Kind.EXISTING : Kind.INHERITING);
    List<MintRequest> seed = new ArrayList<>();
    for (int w = 0; w < works; w++) {
      if (w % 10 >= 5 && w % 10 < 9) {
        seed.add(MintRequest.of(work(w)));
        for (int i = 0; i < itemsPerWork; i++) {
          seed.add(MintRequest.of(item(w, i)));
        }
      } else if (w % 10 == 9) {
        seed.add(MintRequest.of(predecessor(w)));
      }
    }
    return new Workload("mixed", seed, calls);
  }

  static Workload largeFanout(int works, int idsPerWork) {
    return new Workload("large-fanout", List.of(), batch(works, idsPerWork - 1, w -> Kind.NEW));
  }

  private enum Kind {
    NEW,
    EXISTING,
    INHERITING
  }

  private static List<List<MintRequest>> batch(
      int works, int itemsPerWork, java.util.function.IntFunction<Kind> kind) {
    List<List<MintRequest>> calls = new ArrayList<>();
    List<MintRequest> call = new ArrayList<>();
    for (int w = 0; w < works; w++) {
      call.add(
          kind.apply(w) == Kind.INHERITING
              ? MintRequest.inheriting(work(w), predecessor(w))
              : MintRequest.of(work(w)));
      for (int i = 0; i < itemsPerWork; i++) {
        call.add(MintRequest.of(item(w, i)));
      }
      if ((w + 1) % WORKS_PER_CALL == 0 || w == works - 1) {
        calls.add(call);
        call = new ArrayList<>();
      }
    }
    return calls;
  }

  static SourceIdentifier work(int w) {
    return new SourceIdentifier("Work", "sierra-system-number", "b" + (1_000_000 + w));
  }

  static SourceIdentifier item(int w, int i) {
    return new SourceIdentifier("Item", "sierra-system-number", "i" + (1_000_000 + w) + "-" + i);
  }

  static SourceIdentifier predecessor(int w) {
    return new SourceIdentifier("Work", "calm-record-id", "c" + (1_000_000 + w));
  }
}
