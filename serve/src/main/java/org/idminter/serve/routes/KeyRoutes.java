package org.idminter.serve.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.CanonicalId;
import org.idminter.core.IdMinterException;
import org.idminter.core.LookupResult;
import org.idminter.core.MintRequest;
import org.idminter.core.SourceIdentifier;
import org.idminter.serve.http.ApiError;
import org.idminter.serve.http.Bodies;
import org.idminter.serve.http.Guard.Access;
import org.idminter.serve.wire.JsonShapes;

/**
 * Keys to canonical IDs: {@code POST /v1/mint}, {@code POST /v1/lookup}, {@code GET /v1/keys/…}.
 */
public final class KeyRoutes {
  private final Api api;

  private KeyRoutes(Api api) {
    this.api = api;
  }

  public static void register(Api api) {
    KeyRoutes r = new KeyRoutes(api);
    api.post("/v1/mint", Access.WRITE, r::mint);
    api.post("/v1/lookup", Access.READ, r::lookup);
    api.get("/v1/keys/<key>", Access.READ, r::key);
  }

  /** {"requests": [{"key", "predecessor"?}]} → {"ids": [{key, canonical_id}]}, one transaction. */
  private void mint(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    JsonNode list = body.get("requests");
    if (list == null || !list.isArray()) {
      throw ApiError.badRequest(
          "\"requests\" must be a list of {\"key\": \"Work[system/value]\", \"predecessor\": …}");
    }
    Bodies.requireAtMost("requests", list.size(), api.settings().maxKeys());
    List<MintRequest> requests = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String where = "requests[" + i + "]";
      if (!r.isObject()) {
        throw ApiError.badRequest(where + " must be an object with \"key\"");
      }
      SourceIdentifier key = key(Bodies.text(r.get("key"), where + ".key"), where + ".key");
      Optional<String> from = Bodies.optionalText(r, "predecessor");
      requests.add(
          from.isEmpty()
              ? MintRequest.of(key)
              : MintRequest.inheriting(key, key(from.get(), where + ".predecessor")));
    }
    if (requests.isEmpty()) {
      throw ApiError.badRequest("\"requests\" is empty: give at least one");
    }
    Map<SourceIdentifier, CanonicalId> ids = api.store().minter().mint(requests);
    api.metrics().minted(ids.size());
    Bodies.send(ctx, 200, Map.of("ids", JsonShapes.ids(ids)));
  }

  /** {"keys": […]} → {"found": [{key, canonical_id}], "missing": […], "clashes": […]}. */
  private void lookup(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    List<String> given = Bodies.strings(body, "keys", api.settings().maxKeys());
    List<SourceIdentifier> keys = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      keys.add(key(given.get(i), "keys[" + i + "]"));
    }
    LookupResult result = api.store().minter().lookup(keys);
    api.metrics().lookedUp(keys.size());
    Bodies.send(ctx, 200, JsonShapes.lookup(result));
  }

  /** One key (URL-encoded in the path) → {key, canonical_id}, or 404. */
  private void key(Context ctx) {
    String text = ctx.pathParam("key");
    SourceIdentifier key = key(text, "the key in the path");
    LookupResult result = api.store().minter().lookup(List.of(key));
    api.metrics().lookedUp(1);
    if (!result.clashes().isEmpty()) {
      throw new ApiError(409, "collation_clash", result.clashes().get(0).message());
    }
    CanonicalId id = result.found().get(key);
    if (id == null) {
      throw ApiError.notFound("no canonical ID has been given to " + key);
    }
    Bodies.send(ctx, 200, JsonShapes.pair(key, id));
  }

  static SourceIdentifier key(String text, String where) {
    try {
      return SourceIdentifier.parse(text);
    } catch (IdMinterException e) {
      throw ApiError.badRequest(where + ": " + e.getMessage());
    }
  }
}
