package org.idminter.migrate.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** How long each named step of a run took, in milliseconds, in the order the steps first ran. */
public final class Timings {
  private final LongSupplier nanos;
  private final long started;
  private final Map<String, Long> millis = new LinkedHashMap<>();

  public Timings(LongSupplier nanos) {
    this.nanos = nanos;
    this.started = nanos.getAsLong();
  }

  public static Timings started() {
    return new Timings(System::nanoTime);
  }

  /** Runs {@code work}, adding its time to the step {@code name} (even when it fails). */
  public <T> T step(String name, Supplier<T> work) {
    long t0 = nanos.getAsLong();
    try {
      return work.get();
    } finally {
      millis.merge(name, (nanos.getAsLong() - t0) / 1_000_000, Long::sum);
    }
  }

  public void step(String name, Runnable work) {
    step(
        name,
        () -> {
          work.run();
          return null;
        });
  }

  /** Adds time spent outside a timed step (waiting, say) to the step {@code name}. */
  public void add(String name, long ms) {
    if (ms > 0) {
      millis.merge(name, ms, Long::sum);
    }
  }

  /** Every step so far, with {@code total} since this was started. */
  public Map<String, Long> withTotal() {
    Map<String, Long> out = new LinkedHashMap<>(millis);
    out.put("total", (nanos.getAsLong() - started) / 1_000_000);
    return Collections.unmodifiableMap(out);
  }

  public Map<String, Long> steps() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(millis));
  }
}
