package org.idminter.serve.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import org.idminter.serve.http.ApiMetrics;
import org.idminter.serve.http.Guard;
import org.idminter.serve.http.ServeSettings;
import org.idminter.store.IdStore;

/** What every route needs: the store, the settings, the metrics, and the guard on its access. */
public record Api(
    IdStore store, ServeSettings settings, ApiMetrics metrics, Guard guard, RoutesConfig routes) {
  public void get(String path, Guard.Access access, Handler handler) {
    routes.get(path, guard.wrap(access, handler));
  }

  public void post(String path, Guard.Access access, Handler handler) {
    routes.post(path, guard.wrap(access, handler));
  }
}
