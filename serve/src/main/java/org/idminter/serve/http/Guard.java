package org.idminter.serve.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * Who may call what. Writes need a bearer token named in the tokens file (or none at all, when the
 * server runs without credentials on loopback or with {@code --insecure-no-auth}); reads are open
 * unless {@code --require-token-for-reads}; health and metrics are always open. A token is hashed
 * and compared, never kept or logged; the access log names the credential.
 */
public final class Guard {
  /** The request attribute holding the name of the credential a request presented. */
  public static final String CREDENTIAL = "idminter.credential";

  /** What a route does, and so what it needs. */
  public enum Access {
    OPEN,
    READ,
    WRITE
  }

  private final Tokens tokens;
  private final boolean writesOpen;
  private final boolean readsNeedToken;
  private final boolean readOnly;

  public Guard(Tokens tokens, boolean writesOpen, boolean readsNeedToken, boolean readOnly) {
    this.tokens = tokens;
    this.writesOpen = writesOpen;
    this.readsNeedToken = readsNeedToken;
    this.readOnly = readOnly;
  }

  /** {@code handler}, called only when the request may do what {@code access} says. */
  public Handler wrap(Access access, Handler handler) {
    return ctx -> {
      check(ctx, access);
      handler.handle(ctx);
    };
  }

  private void check(Context ctx, Access access) {
    if (access == Access.WRITE && readOnly) {
      throw new ApiError(
          403, "read_only", "this server was started with --read-only: it answers reads only");
    }
    boolean needed =
        access == Access.WRITE && !writesOpen || access == Access.READ && readsNeedToken;
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      if (needed) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"idminter\"");
        throw new ApiError(
            401,
            "unauthorized",
            (access == Access.WRITE ? "writes" : "reads")
                + " need a token: send Authorization: Bearer TOKEN with a token whose SHA-256 is in"
                + " the server's tokens file");
      }
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"idminter\"");
      throw new ApiError(
          401, "unauthorized", "the Authorization header must be Bearer TOKEN (no other scheme)");
    }
    Optional<String> name = tokens.check(header.substring(7).strip());
    if (name.isEmpty()) {
      if (!needed) {
        return; // an unknown token on an open route gains nothing and loses nothing
      }
      throw new ApiError(
          403, "forbidden", "the token is not one of this server's: check it, or ask for one");
    }
    ctx.attribute(CREDENTIAL, name.get());
  }
}
