package org.idminter.cli.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.idminter.core.Secrets;

/**
 * Keeps credentials off stderr, whoever writes there (idminter's messages, picocli's usage errors,
 * Logback, a driver's stack trace under IDMINTER_DEBUG): the credentials given on the command line
 * and in the environment are registered before anything runs, and stderr is cleaned a line at a
 * time. stdout carries results only and is left as it is.
 */
public final class SecretGuard {
  private static final Set<String> URL_OPTIONS = Set.of("--db", "--es-url");
  private static final Set<String> SECRET_OPTIONS =
      Set.of("--db-password", "--es-password", "--es-api-key");
  private static final List<String> URL_VARIABLES = List.of("IDMINTER_DB_URL", "ES_URL");
  private static final List<String> SECRET_VARIABLES =
      List.of("IDMINTER_DB_PASSWORD", "RDS_PASSWORD", "ES_PASSWORD", "ES_API_KEY");

  private SecretGuard() {}

  public static void register(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      String value = eq > 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[i + 1] : null;
      if (URL_OPTIONS.contains(name)) {
        Secrets.registerUrl(value);
      } else if (SECRET_OPTIONS.contains(name)) {
        Secrets.register(value);
      }
    }
    URL_VARIABLES.forEach(v -> Secrets.registerUrl(env.get(v)));
    SECRET_VARIABLES.forEach(v -> Secrets.register(env.get(v)));
  }

  /** stderr that redacts each line before writing it. */
  public static PrintStream redacting(PrintStream err) {
    return new PrintStream(new LineRedactor(err), true, StandardCharsets.UTF_8);
  }

  private static final class LineRedactor extends OutputStream {
    private final PrintStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineRedactor(PrintStream out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        emit();
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    /** A partial line (a progress counter ending in \r) is written on flush. */
    @Override
    public synchronized void flush() {
      emit();
      out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
      flush();
    }

    private void emit() {
      if (line.size() > 0) {
        out.print(Secrets.redact(line.toString(StandardCharsets.UTF_8)));
        line.reset();
      }
    }
  }
}
