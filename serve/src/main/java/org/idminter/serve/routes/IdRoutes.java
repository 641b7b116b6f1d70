package org.idminter.serve.routes;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.serve.http.ApiError;
import org.idminter.serve.http.Bodies;
import org.idminter.serve.http.Guard.Access;
import org.idminter.serve.wire.JsonShapes;

/**
 * What a canonical ID is now: {@code GET /v1/ids/{id}} answers an active ID with its keys, a merged
 * one with 301 to its successor, and one never issued with 404.
 */
public final class IdRoutes {
  private final Api api;

  private IdRoutes(Api api) {
    this.api = api;
  }

  public static void register(Api api) {
    IdRoutes r = new IdRoutes(api);
    api.get("/v1/ids/{id}", Access.READ, r::id);
  }

  private void id(Context ctx) {
    String text = ctx.pathParam("id");
    CanonicalId id;
    try {
      id = CanonicalId.parse(text);
    } catch (IdMinterException e) {
      throw ApiError.badRequest("the ID in the path: " + e.getMessage());
    }
    Map<String, Object> state = JsonShapes.states(api.store(), List.of(id)).get(0);
    switch ((String) state.get("state")) {
      case "active":
        Bodies.send(ctx, 200, state);
        return;
      case "redirect":
        ctx.header("Location", "/v1/ids/" + state.get("target"));
        Bodies.send(ctx, 301, state);
        return;
      case "free":
        throw ApiError.notFound(id + " has never been issued (it is free in the pool)");
      default:
        throw ApiError.notFound(id + " has never been issued by this database");
    }
  }
}
