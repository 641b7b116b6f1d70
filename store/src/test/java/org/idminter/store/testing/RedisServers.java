package org.idminter.store.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Real Valkey/Redis servers for tests: the one at 127.0.0.1:6379 when it answers (shared; tests use
 * keys no other run reads), else a private one started for the run; and private servers a test may
 * stop and start (never the shared one). A private server runs the installed {@code redis-server},
 * or where none is installed the Linux binary shipped in the embedded-redis artifact from Maven
 * Central.
 */
public final class RedisServers {
  private static URI shared;

  private RedisServers() {}

  /** A Redis for reading and writing; started for this run where none answers at 6379. */
  public static synchronized URI shared() {
    if (shared == null) {
      String configured = System.getenv("IDMINTER_TEST_REDIS_URL");
      URI local = URI.create(configured != null ? configured : "redis://127.0.0.1:6379");
      if (answers(local)) {
        shared = local;
      } else if (configured != null) {
        throw new IllegalStateException(
            "IDMINTER_TEST_REDIS_URL=" + configured + " does not answer PING");
      } else {
        PrivateRedis started = start();
        Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        shared = started.uri();
      }
    }
    return shared;
  }

  /** A private server on a free port, for tests that stop it. */
  public static PrivateRedis start(String... options) {
    PrivateRedis r = new PrivateRedis(TestDatabases.freePort(), List.of(options));
    r.startServer();
    return r;
  }

  /** True when {@code uri}'s server answers PING within a second. */
  public static boolean answers(URI uri) {
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 1000);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] buf = new byte[7];
      InputStream in = s.getInputStream();
      int n = in.read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static Path binary;

  private static synchronized Path binary() {
    if (binary != null) {
      return binary;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return binary = candidate;
      }
    }
    String shipped = "/redis-server-6.2.6-v5-linux-amd64";
    try (InputStream in = RedisServers.class.getResourceAsStream(shipped)) {
      if (in == null) {
        throw new IllegalStateException(
            "no redis-server: none on PATH and the embedded-redis artifact's "
                + shipped
                + " is missing; install Debian's redis-server");
      }
      Path out = Files.createTempFile("idminter-redis-server", "");
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      out.toFile().setExecutable(true);
      out.toFile().deleteOnExit();
      return binary = out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot unpack redis-server: " + e.getMessage(), e);
    }
  }

  /** A redis-server child process on a fixed port that a test may stop and start again. */
  public static final class PrivateRedis implements AutoCloseable {
    private final int port;
    private final List<String> options;
    private Process process;

    private PrivateRedis(int port, List<String> options) {
      this.port = port;
      this.options = options;
    }

    public URI uri() {
      return URI.create("redis://127.0.0.1:" + port);
    }

    /** Starts the server (again) and waits until it answers. */
    public synchronized void startServer() {
      List<String> command = new ArrayList<>();
      command.add(binary().toString());
      command.addAll(
          List.of("--port", "" + port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
      command.addAll(options);
      try {
        process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!answers(uri())) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("redis-server did not start on port " + port);
        }
        sleep(20);
      }
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing answers, as a hung server. */
    public synchronized void freeze() {
      signal("-STOP");
    }

    /** Lets a frozen server run again (SIGCONT). */
    public synchronized void thaw() {
      signal("-CONT");
    }

    private void signal(String which) {
      try {
        Process kill = new ProcessBuilder("kill", which, "" + process.pid()).inheritIO().start();
        if (kill.waitFor() != 0) {
          throw new IllegalStateException("kill " + which + " " + process.pid() + " failed");
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot signal redis-server: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Kills the server at once, as a crash would. */
    public synchronized void stop() {
      if (process != null) {
        process.destroyForcibly();
        try {
          process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        process = null;
      }
    }

    @Override
    public void close() {
      stop();
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
