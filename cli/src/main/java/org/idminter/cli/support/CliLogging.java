package org.idminter.cli.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's logging, set up in code (found by logback through {@code META-INF/services}):
 * everything to stderr as {@code idminter: message}, so stdout carries only results; idminter's own
 * loggers at {@code IDMINTER_LOG_LEVEL} (default WARN); drivers, the connection pool and Flyway
 * quiet, because their failures reach the user as idminter's own one-line errors. In code rather
 * than a logback.xml: reading XML loaded about 530 classes, a visible share of a short command's
 * start.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
  private static final Map<String, Level> QUIET =
      Map.of(
          "com.zaxxer.hikari", Level.OFF,
          "org.flywaydb", Level.ERROR,
          "org.mariadb.jdbc", Level.OFF,
          "com.mysql", Level.OFF,
          "org.postgresql", Level.OFF);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("idminter: %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    context.getLogger("org.idminter").setLevel(level(System.getenv("IDMINTER_LOG_LEVEL")));
    // Progress of long runs when stderr is not a terminal (every 10 s).
    context.getLogger("org.idminter.progress").setLevel(Level.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** IDMINTER_LOG_LEVEL, checked by the configuration (a bad value is refused there), or WARN. */
  private static Level level(String value) {
    return value == null || value.isBlank()
        ? Level.WARN
        : Level.toLevel(value.strip().toUpperCase(Locale.ROOT), Level.WARN);
  }
}
