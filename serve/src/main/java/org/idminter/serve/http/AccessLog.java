package org.idminter.serve.http;

import static net.logstash.logback.argument.StructuredArguments.v;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request (logger {@code org.idminter.access}): method, path, status, duration,
 * request id, the credential's name and the client. Never a header's value, so never a token. In
 * JSON each is a field of its own.
 */
public final class AccessLog {
  private static final Logger ACCESS = LoggerFactory.getLogger(ServeLogging.ACCESS);

  private AccessLog() {}

  public static void record(Context ctx, Float millis, ApiMetrics metrics) {
    String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
    metrics.request(ctx.method().name(), route, ctx.statusCode(), millis);
    String credential = ctx.attribute(Guard.CREDENTIAL);
    ACCESS.info(
        "{} {} {} {}ms id={} credential={} client={}",
        v("method", ctx.method().name()),
        v("path", ctx.path()),
        v("status", ctx.statusCode()),
        v("duration_ms", millis),
        v("request_id", RequestIds.of(ctx)),
        v("credential", credential == null ? "-" : credential),
        v("client", ctx.ip()));
  }
}
