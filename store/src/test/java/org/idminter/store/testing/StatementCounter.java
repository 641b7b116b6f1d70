package org.idminter.store.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Counts SQL statements by wrapping JDBC connections: every execute, executeQuery, executeUpdate
 * and executeBatch is one statement (a batch is one statement, sent by the driver as one or a few
 * round trips). INSERT and MERGE statements are counted separately.
 */
public final class StatementCounter {
  private static final Set<String> EXECUTE =
      Set.of(
          "execute",
          "executeQuery",
          "executeUpdate",
          "executeBatch",
          "executeLargeUpdate",
          "executeLargeBatch");
  private final AtomicLong statements = new AtomicLong();
  private final AtomicLong inserts = new AtomicLong();

  public UnaryOperator<Connection> decorator() {
    return this::wrap;
  }

  public long statements() {
    return statements.get();
  }

  public long inserts() {
    return inserts.get();
  }

  public void reset() {
    statements.set(0);
    inserts.set(0);
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, method, args) -> {
          Object result = invoke(c, method, args);
          if (result instanceof PreparedStatement ps
              && method.getName().equals("prepareStatement")) {
            return wrap(ps, PreparedStatement.class, (String) args[0]);
          }
          if (result instanceof Statement st && method.getName().equals("createStatement")) {
            return wrap(st, Statement.class, null);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private <S extends Statement> S wrap(S statement, Class<S> type, String preparedSql) {
    InvocationHandler h =
        (proxy, method, args) -> {
          if (EXECUTE.contains(method.getName())) {
            statements.incrementAndGet();
            String sql =
                preparedSql != null
                    ? preparedSql
                    : args != null && args.length > 0 ? String.valueOf(args[0]) : "";
            String verb = sql.stripLeading().toUpperCase(Locale.ROOT);
            if (verb.startsWith("INSERT") || verb.startsWith("MERGE")) {
              inserts.incrementAndGet();
            }
          }
          return invoke(statement, method, args);
        };
    return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
