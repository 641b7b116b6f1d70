package org.idminter.serve.http;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * The server's logs on stdout, one line per event: JSON objects (through logstash-logback-encoder)
 * or text. Replaces the CLI's stderr set-up for the life of the server.
 */
public final class ServeLogging {
  public static final String ACCESS = "org.idminter.access";

  private ServeLogging() {}

  public static void configure(ServeSettings.LogFormat format) {
    configure(format, null);
  }

  /**
   * The same, writing to {@code target} instead of stdout (a benchmark keeps its access log in a
   * file). The caller keeps the stream open while the server runs.
   */
  public static void configure(ServeSettings.LogFormat format, OutputStream target) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another logging back end was put on the class path: it keeps its own set-up
    }
    Encoder<ILoggingEvent> encoder;
    if (format == ServeSettings.LogFormat.JSON) {
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(context);
      json.start();
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setContext(context);
      text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX, UTC} %-5level %logger{0}: %msg%n");
      text.start();
      encoder = text;
    }
    OutputStreamAppender<ILoggingEvent> out;
    if (target == null) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setTarget("System.out");
      out = console;
    } else {
      out = new OutputStreamAppender<>();
      out.setOutputStream(target);
    }
    out.setContext(context);
    out.setName("SERVE");
    out.setEncoder(encoder);
    out.start();
    // Lines are written by one thread of their own, so a request never waits for the disk or a
    // slow pipe; a full queue makes requests wait rather than lose lines (none is ever discarded).
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("SERVE-ASYNC");
    async.setQueueSize(8192);
    async.setDiscardingThreshold(0);
    async.setNeverBlock(false);
    async.addAppender(out);
    async.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(async);
    context.getLogger(ACCESS).setLevel(Level.INFO);
    context.getLogger("org.idminter.serve").setLevel(Level.INFO);
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    context.getLogger("io.javalin").setLevel(Level.WARN);
  }

  /** Writes the lines still queued (at most a second's wait) and stops logging: the last step. */
  public static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
