package org.idminter.serve;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinBindException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.idminter.core.ErrorCode;
import org.idminter.core.IdMinterException;
import org.idminter.core.id.NewIds;
import org.idminter.serve.http.AccessLog;
import org.idminter.serve.http.ApiError;
import org.idminter.serve.http.ApiMetrics;
import org.idminter.serve.http.Bodies;
import org.idminter.serve.http.Guard;
import org.idminter.serve.http.RequestIds;
import org.idminter.serve.http.ServeSettings;
import org.idminter.serve.http.Tokens;
import org.idminter.serve.routes.Api;
import org.idminter.serve.routes.HealthRoutes;
import org.idminter.serve.routes.IdRoutes;
import org.idminter.serve.routes.IdentifyRoutes;
import org.idminter.serve.routes.KeyRoutes;
import org.idminter.serve.routes.SchemeRoutes;
import org.idminter.store.IdStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on one store: Javalin on Jetty, JSON in and out. {@link #start} listens; {@link
 * #stop} stops accepting, lets requests in flight finish within the grace period, and returns (the
 * caller closes the store after it).
 */
public final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final ServeSettings settings;
  private final IdStore store;
  private final Guard guard;
  private final String authSummary;
  private final ApiMetrics metrics;
  private final NewIds newIds;
  private final java.util.List<String> endpoints =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private Javalin app;

  /**
   * Checks the settings (credentials, where it listens) before anything listens: a server that
   * would take writes from the network without credentials refuses to start.
   */
  public ApiServer(
      ServeSettings settings,
      IdStore store,
      Tokens tokens,
      boolean readOnly,
      InstantSource clock,
      RandomGenerator random) {
    this.settings = settings;
    this.store = store;
    boolean noTokens = tokens.isEmpty();
    if (settings.requireTokenForReads() && noTokens) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT,
          "--require-token-for-reads needs tokens: give IDMINTER_API_TOKENS_FILE (NAME:SHA256HEX"
              + " lines)");
    }
    boolean writesOpen = noTokens && !readOnly;
    if (writesOpen && !settings.insecureNoAuth() && !settings.loopbackOnly()) {
      throw new IdMinterException(
          ErrorCode.INVALID_INPUT,
          "refusing to take writes on "
              + settings.bind()
              + " without credentials: give IDMINTER_API_TOKENS_FILE (NAME:SHA256HEX lines), or"
              + " --read-only, or --insecure-no-auth if every client that can reach this address"
              + " may mint");
    }
    this.guard = new Guard(tokens, writesOpen, settings.requireTokenForReads(), readOnly);
    this.authSummary =
        readOnly
            ? "read-only"
            : !writesOpen
                ? "writes need a token (" + tokens.size() + " configured)"
                : settings.insecureNoAuth()
                    ? "WRITES NEED NO TOKEN (--insecure-no-auth)"
                    : "writes need no token: listening on loopback only";
    this.metrics = new ApiMetrics(store);
    this.newIds = new NewIds(clock, random);
  }

  /** Listens, and returns the port (the one chosen when the settings say 0). */
  public int start() {
    app = Javalin.create(this::configure);
    try {
      app.start();
    } catch (JavalinBindException e) {
      throw new IdMinterException(
          ErrorCode.UNAVAILABLE,
          "cannot listen on "
              + settings.bind()
              + ":"
              + settings.port()
              + ": another process uses that port; stop it, or pass --port N (IDMINTER_PORT)",
          e);
    }
    LOG.info(
        "idminter serving on http://{}:{} ({}; database: {}; reads {})",
        settings.bind(),
        app.port(),
        authSummary,
        store.describe(),
        settings.requireTokenForReads() ? "need a token" : "open");
    return app.port();
  }

  /** Every endpoint as METHOD PATH (path parameters as Javalin writes them), once started. */
  public java.util.List<String> endpoints() {
    return java.util.List.copyOf(endpoints);
  }

  /** Stops accepting, waits up to the grace period for requests in flight, then returns. */
  public void stop() {
    if (app != null) {
      LOG.info(
          "idminter stopping: finishing requests in flight (at most {})", settings.shutdownGrace());
      app.stop();
      LOG.info("idminter stopped");
    }
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = settings.maxBodyBytes();
    config.http.defaultContentType = Bodies.JSON_TYPE;
    // Javalin asks of every response whether its type may be compressed: a type on this list is
    // answered at once, any other by a case-insensitive search of eleven excluded types (about 4%
    // of the server's time under load). Responses are still compressed for clients that ask.
    config.http.compressionStrategy.setAllowedMimeTypes(
        List.of(Bodies.JSON_TYPE, HealthRoutes.OPENAPI_TYPE, HealthRoutes.METRICS_TYPE));
    config.http.prefer405over404 = true;
    config.events.handlerAdded(
        h -> {
          if (h.getHttpMethod().isHttpMethod()) {
            endpoints.add(h.getHttpMethod().name() + " " + h.getPath());
          }
        });
    config.jetty.modifyServer(
        server -> {
          server.setStopTimeout(settings.shutdownGrace().toMillis());
          server.setStopAtShutdown(false);
          server.insertHandler(new GracefulHandler());
        });
    config.jetty.addConnector(
        (server, http) -> {
          http.setSendServerVersion(false);
          // A client that sends its request slower than this is cut off: it cannot hold a worker.
          http.setMinRequestDataRate(1024);
          ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
          c.setHost(settings.bind());
          c.setPort(settings.port());
          c.setIdleTimeout(settings.idleTimeout().toMillis());
          return c;
        });
    config.routes.before(RequestIds::assign);
    Api api = new Api(store, settings, metrics, guard, config.routes);
    KeyRoutes.register(api);
    IdRoutes.register(api);
    IdentifyRoutes.register(api);
    SchemeRoutes.register(api, newIds);
    HealthRoutes.register(api);
    config.routes.exception(ApiError.class, (e, ctx) -> answer(ctx, e));
    config.routes.exception(IdMinterException.class, (e, ctx) -> answer(ctx, ApiError.of(e)));
    config.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, fromJavalin(e)));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request {} failed unexpectedly", RequestIds.of(ctx), e);
          answer(
              ctx,
              new ApiError(
                  500,
                  "internal",
                  "unexpected error (request "
                      + RequestIds.of(ctx)
                      + "); the server's log has the details"));
        });
    config.requestLogger.http((ctx, millis) -> AccessLog.record(ctx, millis, metrics));
  }

  private static void answer(Context ctx, ApiError e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.error());
    body.put("detail", e.detail());
    Bodies.send(ctx, e.status(), body);
  }

  /** Javalin's own refusals (no such route, wrong method, a body too large) in idminter's words. */
  private ApiError fromJavalin(HttpResponseException e) {
    switch (e.getStatus()) {
      case 404:
        return ApiError.notFound("no such endpoint: GET /openapi.yaml lists every endpoint");
      case 405:
        return new ApiError(405, "method_not_allowed", "this endpoint does not take that method");
      case 413:
        return new ApiError(
            413,
            "payload_too_large",
            String.format(
                "the body is larger than the %,d bytes a request may carry: split it (the limit is"
                    + " IDMINTER_MAX_BODY_MB)",
                settings.maxBodyBytes()));
      default:
        return new ApiError(e.getStatus(), "http_" + e.getStatus(), e.getMessage());
    }
  }
}
