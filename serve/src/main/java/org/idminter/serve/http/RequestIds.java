package org.idminter.serve.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Each request's id: the client's {@code X-Request-Id} when it is a safe token, else a new one;
 * echoed in the answer's header, named in the access log and in unexpected errors.
 */
public final class RequestIds {
  private static final String ATTRIBUTE = "idminter.requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** A before-handler: gives the request its id. */
  public static void assign(Context ctx) {
    String given = ctx.header("X-Request-Id");
    String id =
        given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header("X-Request-Id", id);
  }

  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "-" : id;
  }
}
