package org.idminter.store.testing;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Connection decorators that watch every statement a migration executes: count them, run an action
 * before a matching one, or crash at the k-th (the crash hook every migration's contract uses to
 * stop a run at each statement in turn).
 */
public final class StatementHooks {
  private StatementHooks() {}

  public static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(int k) {
      super("simulated crash before statement " + k);
    }
  }

  public static UnaryOperator<Connection> countingOnly(AtomicInteger counter) {
    return onEachStatement(sql -> counter.incrementAndGet());
  }

  /** Statement k and every one after it fail: a dead process runs no clean-up either. */
  public static UnaryOperator<Connection> crashingAt(int k, AtomicInteger counter) {
    return onEachStatement(
        sql -> {
          if (counter.incrementAndGet() >= k) {
            throw new SimulatedCrash(k);
          }
        });
  }

  /** {@link #crashingAt}, counting only statements run while {@code armed} says so. */
  public static UnaryOperator<Connection> crashingAt(
      int k, AtomicInteger counter, java.util.function.BooleanSupplier armed) {
    return onEachStatement(
        sql -> {
          if (armed.getAsBoolean() && counter.incrementAndGet() >= k) {
            throw new SimulatedCrash(k);
          }
        });
  }

  public static UnaryOperator<Connection> onStatement(
      java.util.function.Predicate<String> match, Runnable action) {
    return onEachStatement(
        sql -> {
          if (match.test(sql)) {
            action.run();
          }
        });
  }

  public static UnaryOperator<Connection> onEachStatement(
      java.util.function.Consumer<String> before) {
    return c ->
        (Connection)
            java.lang.reflect.Proxy.newProxyInstance(
                StatementHooks.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  Object result = invoke(c, method, args);
                  if (result instanceof Statement st
                      && (method.getName().equals("prepareStatement")
                          || method.getName().equals("createStatement"))) {
                    String prepared =
                        method.getName().equals("prepareStatement") ? (String) args[0] : null;
                    Class<?> type =
                        method.getName().equals("prepareStatement")
                            ? java.sql.PreparedStatement.class
                            : Statement.class;
                    return java.lang.reflect.Proxy.newProxyInstance(
                        StatementHooks.class.getClassLoader(),
                        new Class<?>[] {type},
                        (p2, m2, a2) -> {
                          if (m2.getName().startsWith("execute")) {
                            before.accept(
                                prepared != null
                                    ? prepared
                                    : a2 != null && a2.length > 0 ? String.valueOf(a2[0]) : "");
                          }
                          return invoke(st, m2, a2);
                        });
                  }
                  return result;
                });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
