package org.idminter.serve.routes;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.idminter.core.Secrets;
import org.idminter.serve.http.Bodies;
import org.idminter.serve.http.Guard.Access;
import org.idminter.store.schema.SchemaState;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (the database answers and its
 * schema is current), {@code /metrics} (Prometheus text) and {@code /openapi.yaml} (this API's
 * description). All open.
 */
public final class HealthRoutes {
  private final Api api;

  private HealthRoutes(Api api) {
    this.api = api;
  }

  /** What /metrics answers in: Prometheus' text format. */
  public static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** What /openapi.yaml answers in. */
  public static final String OPENAPI_TYPE = "application/yaml; charset=utf-8";

  public static void register(Api api) {
    HealthRoutes r = new HealthRoutes(api);
    api.get("/health/live", Access.OPEN, ctx -> Bodies.send(ctx, 200, Map.of("status", "live")));
    api.get("/health/ready", Access.OPEN, r::ready);
    api.get(
        "/metrics",
        Access.OPEN,
        ctx -> ctx.contentType(METRICS_TYPE).result(api.metrics().scrape()));
    byte[] openApi = openApiDocument();
    api.get("/openapi.yaml", Access.OPEN, ctx -> ctx.contentType(OPENAPI_TYPE).result(openApi));
  }

  /** The OpenAPI document shipped in the jar, read once. */
  private static byte[] openApiDocument() {
    try (java.io.InputStream in =
        HealthRoutes.class.getResourceAsStream("/org/idminter/serve/openapi.yaml")) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the OpenAPI document from the jar", e);
    }
  }

  private void ready(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      SchemaState s = api.store().inspectNow();
      out.put("database", api.store().describe());
      out.put("schema_version", s.currentVersion());
      out.put("schema_latest", s.latestVersion());
      if (s.isCurrent()) {
        out.put("status", "ready");
        Bodies.send(ctx, 200, out);
      } else {
        out.put("status", "not_ready");
        out.put(
            "detail",
            "the schema is at version "
                + s.currentVersion()
                + ", not "
                + s.latestVersion()
                + ": run `idminter schema migrate` against this database");
        Bodies.send(ctx, 503, out);
      }
    } catch (RuntimeException e) {
      // Whatever stops the database answering makes the server not ready; the detail says what.
      out.put("status", "not_ready");
      out.put("detail", Secrets.redact(String.valueOf(e.getMessage())));
      Bodies.send(ctx, 503, out);
    }
  }
}
