package org.idminter.cli.command;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.idminter.cli.support.ExitCodes;
import org.idminter.cli.support.ServingDatabaseOptions;
import org.idminter.serve.ApiServer;
import org.idminter.serve.http.ServeLogging;
import org.idminter.serve.http.ServeSettings;
import org.idminter.serve.http.Tokens;
import org.idminter.store.IdStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code idminter serve}: the HTTP API, until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    header = "Serve the HTTP API: mint, lookup, resolve, identify, ID schemes, health, metrics.",
    mixinStandardHelpOptions = true,
    description =
        "Serve the HTTP API (described at GET /openapi.yaml) on the same database as every command, until"
            + " SIGTERM or Ctrl-C; then stop accepting, finish the requests in flight and close."
            + " Writes need a bearer token from IDMINTER_API_TOKENS_FILE; without one the server"
            + " takes writes only on loopback (the default) or with --insecure-no-auth.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./idminter serve",
      "  IDMINTER_API_TOKENS_FILE=tokens.txt ./idminter serve --bind 0.0.0.0 --log-format json"
    })
public final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      description = "Address to listen on (env IDMINTER_BIND; default 127.0.0.1).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port (env IDMINTER_PORT; default 8080; 0 picks a free one).")
  Integer port;

  @Option(
      names = "--tokens-file",
      paramLabel = "FILE",
      description =
          "API credentials: NAME:SHA256HEX lines, the SHA-256 of each bearer token in hex, #"
              + " comments (env IDMINTER_API_TOKENS_FILE).")
  Path tokensFile;

  @Option(
      names = "--require-token-for-reads",
      description = "Reads need a token too (env IDMINTER_REQUIRE_TOKEN_FOR_READS=true).")
  boolean requireTokenForReads;

  @Option(names = "--read-only", description = "Answer reads only; every write gets 403.")
  boolean readOnly;

  @Option(
      names = "--insecure-no-auth",
      description =
          "Take writes without a token on any address: only where every client that can reach"
              + " the server may mint.")
  boolean insecureNoAuth;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "json or text, one line per event on stdout (env IDMINTER_LOG_FORMAT; default text).")
  String logFormat;

  @Mixin ServingDatabaseOptions database;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ServeSettings settings =
        ServeSettings.resolve(
            new ServeSettings.Overrides(
                Optional.ofNullable(bind),
                Optional.ofNullable(port),
                Optional.ofNullable(tokensFile),
                requireTokenForReads,
                insecureNoAuth,
                Optional.ofNullable(logFormat)),
            database.environment());
    Tokens tokens = settings.tokensFile().map(Tokens::read).orElse(Tokens.NONE);
    ServeLogging.configure(settings.logFormat());
    IdStore store = database.open();
    spec.commandLine().getErr().flush(); // the server runs on: say now what opening it said
    ApiServer server;
    try {
      server =
          new ApiServer(
              settings, store, tokens, readOnly, InstantSource.system(), new SecureRandom());
      server.start();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.stop();
                  } finally {
                    store.close();
                    ServeLogging.flush();
                    stopped.countDown();
                  }
                },
                "idminter-shutdown"));
    stopped.await();
    return ExitCodes.OK;
  }
}
