package org.idminter.bench;

import com.github.f4b6a3.tsid.TsidCreator;
import com.github.f4b6a3.ulid.UlidCreator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.idminter.core.id.Flake64;
import org.idminter.core.id.Flake64Generator;
import org.idminter.core.id.Ulid;
import org.idminter.core.id.UlidGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * idminter's ULID and flake64 generators against ulid-creator's monotonic ULID and tsid-creator's
 * TSID, with the same JMH settings, each as {@code create()} and {@code create().toString()}. One
 * generator is shared by all benchmark threads (as a service shares one); idminter's draw from a
 * SecureRandom, as in production. At the end of each trial the drift (how far the generator's
 * timestamp ran ahead of the wall clock) is appended to the file named by {@code -Didminter.drift}.
 * Run by {@code bench/run --parts ids}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class IdGeneratorBenchmarks {
  private UlidGenerator ulids;
  private Flake64Generator flakes;

  @Setup(Level.Trial)
  public void setUp() {
    ulids = new UlidGenerator(InstantSource.system(), new SecureRandom());
    flakes = new Flake64Generator(InstantSource.system(), new SecureRandom());
  }

  @Benchmark
  public Ulid idminterUlid() {
    return ulids.next();
  }

  @Benchmark
  public String idminterUlidString() {
    return ulids.next().toString();
  }

  @Benchmark
  public Flake64 idminterFlake64() {
    return flakes.next();
  }

  @Benchmark
  public String idminterFlake64String() {
    return flakes.next().toString();
  }

  @Benchmark
  public com.github.f4b6a3.ulid.Ulid ulidCreatorMonotonic() {
    return UlidCreator.getMonotonicUlid();
  }

  @Benchmark
  public String ulidCreatorMonotonicString() {
    return UlidCreator.getMonotonicUlid().toString();
  }

  @Benchmark
  public com.github.f4b6a3.tsid.Tsid tsidCreator() {
    return TsidCreator.getTsid();
  }

  @Benchmark
  public String tsidCreatorString() {
    return TsidCreator.getTsid().toString();
  }

  /**
   * The lead over the wall clock, in milliseconds, of the generator this trial measured, appended
   * to the file named by {@code -Didminter.drift} as {@code benchmark threads drift}.
   */
  @TearDown(Level.Trial)
  public void drift(BenchmarkParams params) throws IOException {
    String file = System.getProperty("idminter.drift");
    if (file == null) {
      return;
    }
    String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    long now = System.currentTimeMillis();
    long lead =
        name.startsWith("idminterUlid")
            ? ulids.next().timestamp() - now
            : name.startsWith("idminterFlake64")
                ? flakes.next().timestamp() - now
                : name.startsWith("ulidCreator")
                    ? UlidCreator.getMonotonicUlid().getTime() - now
                    : TsidCreator.getTsid().getUnixMilliseconds() - now;
    Files.writeString(
        Path.of(file),
        name + " " + params.getThreads() + " " + lead + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
