package dev.threadhook.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for every long option, so each flag also has an environment variable and a config
 * file key: {@code --data-dir} is {@code THREADHOOK_DATA_DIR}, then {@code data-dir} in the
 * properties file named by {@code THREADHOOK_CONFIG} (or {@code ./threadhook.properties}).
 * A flag on the command line wins over both; the environment wins over the file.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> environment;
  private final Properties file;

  EnvironmentDefaults(Map<String, String> environment) {
    this.environment = environment;
    this.file = load(environment.get("THREADHOOK_CONFIG"));
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) return null;
    String key = option.longestName().replaceFirst("^-+", "");
    String fromEnvironment =
        environment.get("THREADHOOK_" + key.toUpperCase().replace('-', '_'));
    if (fromEnvironment != null) return fromEnvironment;
    return file.getProperty(key);
  }

  private static Properties load(String configuredPath) {
    Properties properties = new Properties();
    Path path = Path.of(configuredPath != null ? configuredPath : "threadhook.properties");
    if (!Files.isRegularFile(path)) {
      if (configuredPath != null) {
        throw new IllegalArgumentException("THREADHOOK_CONFIG names " + path
            + " but there is no such file");
      }
      return properties;
    }
    try (Reader reader = Files.newBufferedReader(path)) {
      properties.load(reader);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config file " + path, e);
    }
  }
}
