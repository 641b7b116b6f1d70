package org.idminter.store.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Counts SQL statements by wrapping JDBC connections: every execute, executeQuery, executeUpdate
 * and executeBatch is one statement (a batch is one statement, sent by the driver as one or a few
 * round trips). INSERT and MERGE statements are counted separately. It also times each statement,
 * grouped by its text with placeholder lists shortened, so a benchmark can say which statements
 * dominate a call ({@link #profile()}).
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
  private final Map<String, Timing> profile = new ConcurrentHashMap<>();

  /** Executions of one statement shape and the wall time spent inside the driver on them. */
  public record Timing(long executions, long nanos) {
    Timing plus(long elapsed) {
      return new Timing(executions + 1, nanos + elapsed);
    }
  }

  public UnaryOperator<Connection> decorator() {
    return this::wrap;
  }

  public long statements() {
    return statements.get();
  }

  public long inserts() {
    return inserts.get();
  }

  /** Time per statement shape since the last reset, slowest first. */
  public Map<String, Timing> profile() {
    Map<String, Timing> sorted = new LinkedHashMap<>();
    profile.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().nanos(), a.getValue().nanos()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  public void reset() {
    statements.set(0);
    inserts.set(0);
    profile.clear();
  }

  /** The statement's text with whitespace collapsed and "?, ?, ?" lists shortened to "?…". */
  static String shape(String sql) {
    String text = sql.strip();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length() && out.length() <= 160) {
      int end = i;
      int marks = 0;
      while (end < text.length() && "?,() \n\t".indexOf(text.charAt(end)) >= 0) {
        marks += text.charAt(end) == '?' ? 1 : 0;
        end++;
      }
      if (end == i) {
        out.append(text.charAt(i++));
      } else if (marks < 2) {
        out.append(text, i, end);
        i = end;
      } else { // a placeholder list, or several rows of them: "(?…)"
        String run = text.substring(i, end);
        out.append(run.startsWith(" ") ? " " : "").append(run.contains("(") ? "(?…)" : "?…");
        out.append(run.endsWith(" ") ? " " : "");
        i = end;
      }
    }
    String s = out.toString().replaceAll("\\s+", " ");
    return s.length() > 160 ? s.substring(0, 160) + "…" : s;
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
    // A prepared statement's text is known once; multi-row statements run to hundreds of kB.
    String preparedShape = preparedSql == null ? null : shape(preparedSql);
    boolean preparedInsert = preparedSql != null && isInsert(preparedSql);
    InvocationHandler h =
        (proxy, method, args) -> {
          if (!EXECUTE.contains(method.getName())) {
            return invoke(statement, method, args);
          }
          statements.incrementAndGet();
          String sql =
              preparedSql != null
                  ? null
                  : args != null && args.length > 0 ? String.valueOf(args[0]) : "";
          if (sql == null ? preparedInsert : isInsert(sql)) {
            inserts.incrementAndGet();
          }
          long t0 = System.nanoTime();
          try {
            return invoke(statement, method, args);
          } finally {
            long elapsed = System.nanoTime() - t0;
            profile.merge(
                sql == null ? preparedShape : shape(sql),
                new Timing(1, elapsed),
                (a, b) -> a.plus(b.nanos()));
          }
        };
    return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h));
  }

  private static boolean isInsert(String sql) {
    String s = sql.stripLeading();
    return s.regionMatches(true, 0, "INSERT", 0, 6) || s.regionMatches(true, 0, "MERGE", 0, 5);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
