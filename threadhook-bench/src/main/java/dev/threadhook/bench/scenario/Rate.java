package dev.threadhook.bench.scenario;

import java.util.Locale;

/**
 * An open-model rate: requests a second ({@code 5000}), or a share of the closed-model maximum
 * measured earlier in the same run ({@code 50%}).
 */
public record Rate(double value, boolean shareOfMaximum) {

  public static Rate parse(String text) {
    String t = text.strip();
    try {
      if (t.endsWith("%")) {
        double percent = Double.parseDouble(t.substring(0, t.length() - 1));
        if (percent > 0) return new Rate(percent / 100, true);
      } else {
        double perSecond = Double.parseDouble(t);
        if (perSecond > 0) return new Rate(perSecond, false);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "a rate must be requests a second above 0 (5000) or a percentage (50%) but was '" + text + "'");
  }

  /** Requests a second, given the closed-model maximum. */
  public double perSecond(double maximum) {
    return shareOfMaximum ? Math.max(1, Math.round(value * maximum)) : value;
  }

  @Override
  public String toString() {
    return shareOfMaximum ? String.format(Locale.ROOT, "%.0f%%", value * 100)
        : String.format(Locale.ROOT, "%.0f", value);
  }
}
