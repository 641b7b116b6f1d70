package org.idminter.serve.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.idminter.core.IdMinterException;
import org.idminter.core.id.IdDetector;
import org.idminter.core.id.NewIds;
import org.idminter.serve.http.ApiError;
import org.idminter.serve.http.Bodies;
import org.idminter.serve.http.Guard.Access;
import org.idminter.serve.wire.JsonShapes;
import org.idminter.store.registry.Resolution;

/**
 * ID schemes: new IDs and detection (no database), and the internal↔external registry (register,
 * allocate, resolve).
 */
public final class SchemeRoutes {
  private final Api api;
  private final NewIds newIds;

  private SchemeRoutes(Api api, NewIds newIds) {
    this.api = api;
    this.newIds = newIds;
  }

  public static void register(Api api, NewIds newIds) {
    SchemeRoutes r = new SchemeRoutes(api, newIds);
    api.post("/v1/new-ids", Access.READ, r::newIds);
    api.post("/v1/detect", Access.READ, r::detect);
    api.post("/v1/registry/register", Access.WRITE, r::register);
    api.post("/v1/registry/allocate", Access.WRITE, r::allocate);
    api.post("/v1/registry/resolve", Access.READ, r::resolve);
    api.get("/v1/registry/{value}", Access.READ, r::resolveOne);
  }

  /** {"scheme": "ulid"|"flake64"|"canonical", "count": n} → {"ids": […]}. */
  private void newIds(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    String scheme = Bodies.optionalText(body, "scheme").orElse("ulid");
    int count = Bodies.optionalCount(body, "count").orElse(1);
    Bodies.requireAtMost("count", count, api.settings().maxKeys());
    List<String> ids = checked(() -> newIds.next(scheme, count));
    Bodies.send(ctx, 200, Map.of("scheme", scheme, "ids", ids));
  }

  /** {"values": […]} → {"results": [{value, matches: [{scheme, detail, time}]}]}. */
  private void detect(Context ctx) {
    List<String> values = Bodies.strings(Bodies.object(ctx), "values", api.settings().maxKeys());
    List<Map<String, Object>> results = new ArrayList<>(values.size());
    for (String v : values) {
      results.add(JsonShapes.detection(v, IdDetector.detect(v)));
    }
    Bodies.send(ctx, 200, Map.of("results", results));
  }

  /** {"ids": ["Q42", …], "type"?} → the registration; nothing is written when one ID is bad. */
  private void register(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    List<String> ids = Bodies.strings(body, "ids", api.settings().maxKeys());
    Optional<String> type = Bodies.optionalText(body, "type");
    Bodies.send(
        ctx,
        200,
        JsonShapes.registration(checked(() -> api.store().registry().register(ids, type))));
  }

  /** {"type": "item", "count": n} → the registration of the next n IDs of the type. */
  private void allocate(Context ctx) {
    JsonNode body = Bodies.object(ctx);
    String type =
        Bodies.optionalText(body, "type")
            .orElseThrow(
                () -> ApiError.badRequest("\"type\" is missing: give item, property or lexeme"));
    int count = Bodies.optionalCount(body, "count").orElse(1);
    Bodies.requireAtMost("count", count, api.settings().maxKeys());
    Bodies.send(
        ctx,
        200,
        JsonShapes.registration(checked(() -> api.store().registry().allocate(type, count))));
  }

  /** {"values": […]} (external or internal IDs) → {"found": […], "missing": […]}. */
  private void resolve(Context ctx) {
    List<String> values = Bodies.strings(Bodies.object(ctx), "values", api.settings().maxKeys());
    Bodies.send(
        ctx, 200, JsonShapes.resolution(checked(() -> api.store().registry().resolve(values))));
  }

  /** One external or internal ID → its mapping, or 404. */
  private void resolveOne(Context ctx) {
    String value = ctx.pathParam("value");
    Resolution.Entry e =
        checked(() -> api.store().registry().resolve(List.of(value))).entries().get(0);
    if (e.mapping().isEmpty()) {
      throw ApiError.notFound(value + " is not in the registry");
    }
    Bodies.send(ctx, 200, JsonShapes.resolved(value, e.mapping().get()));
  }

  /** Bad input in the registry's words is the request's error (400), naming the value. */
  private static <T> T checked(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (IdMinterException e) {
      throw ApiError.of(e);
    }
  }
}
