package org.idminter.serve.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
    String id = given != null && SAFE.matcher(given).matches() ? given : fresh();
    ctx.attribute(ATTRIBUTE, id);
    ctx.header("X-Request-Id", id);
  }

  /**
   * A new random (version 4) UUID from the thread's own generator: request ids need to be unique,
   * not unguessable, and {@code UUID.randomUUID()} makes every request take turns at one shared
   * SecureRandom.
   */
  static String fresh() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long high = (r.nextLong() & ~0xF000L) | 0x4000L;
    long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  public static String of(Context ctx) {
    String id = ctx.attribute(ATTRIBUTE);
    return id == null ? "-" : id;
  }
}
