package dev.threadhook.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConsoleLoggingTest {
  @Test
  void logbackFindsItAndThisJvmLogsThroughIt() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
        .contains(ConsoleLogging.class);
    LoggerContext running = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(running.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT"))
        .isInstanceOf(ConsoleAppender.class);
  }

  @Test
  void oneConsoleLineAtInfoWithTheLibrariesAtWarn() {
    LoggerContext context = new LoggerContext();

    var status = new ConsoleLogging(Map.of()).configure(context);

    assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    var console = (ConsoleAppender<?>) root.getAppender("STDOUT");
    assertThat(console.isStarted()).isTrue();
    assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
        .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
    for (String library : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari",
        "org.flywaydb"}) {
      assertThat(context.getLogger(library).getEffectiveLevel()).as(library).isEqualTo(Level.WARN);
    }
    assertThat(context.getLogger("dev.threadhook.server.webhooks.Dispatcher").getEffectiveLevel())
        .isEqualTo(Level.INFO);
  }

  @Test
  void theLevelComesFromTheEnvironment() {
    LoggerContext context = new LoggerContext();
    new ConsoleLogging(Map.of("THREADHOOK_LOG_LEVEL", "debug")).configure(context);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void aConfigurationFileGivenToTheJvmReplacesIt() {
    LoggerContext context = new LoggerContext();
    System.setProperty("logback.configurationFile", "/etc/threadhook/logback.xml");
    try {
      assertThat(new ConsoleLogging(Map.of()).configure(context))
          .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    } finally {
      System.clearProperty("logback.configurationFile");
    }
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNull();
  }
}
