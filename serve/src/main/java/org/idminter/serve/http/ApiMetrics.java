package org.idminter.serve.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.idminter.store.ConnectionStats;
import org.idminter.store.IdStore;
import org.idminter.store.cache.CacheStats;

/**
 * The server's metrics, in Prometheus' text format at {@code /metrics}: requests by route, method
 * and status with latency histograms, keys minted and looked up, works identified, the free pool,
 * the connection pool, the read cache and the JVM.
 */
public final class ApiMetrics {
  /** How long a counted free pool is reported before it is counted again. */
  private static final long POOL_COUNT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** One timer per method, route and status, found without building a meter id per request. */
  private final java.util.Map<String, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Counter minted;
  private final Counter lookedUp;
  private final Counter identifySucceeded;
  private final Counter identifyFailed;
  private final IdStore store;
  private volatile long freeCountedAt;
  private volatile double free = Double.NaN;

  public ApiMetrics(IdStore store) {
    this.store = store;
    minted =
        Counter.builder("idminter.mint.keys")
            .description("keys answered by /v1/mint")
            .register(registry);
    lookedUp =
        Counter.builder("idminter.lookup.keys")
            .description("keys looked up by /v1/lookup and /v1/keys")
            .register(registry);
    identifySucceeded = works("identified");
    identifyFailed = works("failed");
    Gauge.builder("idminter.pool.free", this, ApiMetrics::freeIds)
        .description("free canonical IDs in the pool (counted at most every 15 s)")
        .register(registry);
    connections("active", ConnectionStats::active);
    connections("idle", ConnectionStats::idle);
    connections("", ConnectionStats::total);
    connections("pending", ConnectionStats::waiting);
    connections("max", ConnectionStats::max);
    if (store.cache().enabled()) {
      cache("local_hit", CacheStats::localHits);
      cache("redis_hit", CacheStats::redisHits);
      cache("miss", CacheStats::misses);
      cache("redis_error", CacheStats::redisErrors);
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private Counter works(String outcome) {
    return Counter.builder("idminter.identify.works")
        .description("works /v1/identify identified or failed")
        .tag("outcome", outcome)
        .register(registry);
  }

  private void connections(String name, ToDoubleFunction<ConnectionStats> value) {
    // HikariCP's own names: hikaricp.connections (the total), hikaricp.connections.active, …
    String metric = name.isEmpty() ? "hikaricp.connections" : "hikaricp.connections." + name;
    Gauge.builder(metric, store, s -> value.applyAsDouble(s.connections()))
        .tag("pool", "idminter")
        .register(registry);
  }

  private void cache(String result, ToDoubleFunction<CacheStats> value) {
    FunctionCounter.builder(
            "idminter.cache.lookups", store, s -> value.applyAsDouble(s.cache().stats()))
        .tag("result", result)
        .register(registry);
  }

  /** One request answered: its route (the template, never the path's values), method and status. */
  public void request(String method, String route, int status, float millis) {
    timers
        .computeIfAbsent(method + ' ' + route + ' ' + status, k -> timer(method, route, status))
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  private Timer timer(String method, String route, int status) {
    return Timer.builder("http.server.requests")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  public void minted(int keys) {
    minted.increment(keys);
  }

  public void lookedUp(int keys) {
    lookedUp.increment(keys);
  }

  /** Works identified ({@code outcome} identified) or not (failed) by /v1/identify. */
  public void identified(String outcome, long works) {
    (outcome.equals("failed") ? identifyFailed : identifySucceeded).increment(works);
  }

  private double freeIds() {
    long now = System.nanoTime();
    if (now - freeCountedAt > POOL_COUNT_EVERY_NANOS || Double.isNaN(free)) {
      freeCountedAt = now;
      try {
        free = store.pool().status().free();
      } catch (RuntimeException e) {
        // The database is away: the gauge says so (NaN) and /health/ready says why.
        free = Double.NaN;
      }
    }
    return free;
  }

  /** The metrics in Prometheus' text format. */
  public String scrape() {
    return registry.scrape();
  }
}
