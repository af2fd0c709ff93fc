package dev.threadhook.bench;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 10s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, or ISO-8601 ({@code PT10S}). */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) return Duration.parse(t.toUpperCase(Locale.ROOT));
      if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      if (t.endsWith("s")) return millis(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000);
      if (t.endsWith("m")) return millis(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000);
      return millis(Double.parseDouble(t) * 1000);
    } catch (RuntimeException e) {
      throw new TypeConversionException(
          "a duration must look like 10s, 500ms, 2m or PT10S but was '" + text + "'");
    }
  }

  private static Duration millis(double millis) {
    if (millis < 0) throw new IllegalArgumentException("negative");
    return Duration.ofMillis(Math.round(millis));
  }
}
