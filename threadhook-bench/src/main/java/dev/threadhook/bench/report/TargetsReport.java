package dev.threadhook.bench.report;

import java.util.List;

/**
 * What {@code targets} found: each target's verdict on each database, with the summaries of the
 * runs they come from (each also written on its own).
 *
 * @param quick whether the runs were {@code --quick}'s, whose numbers say nothing of the targets
 * @param repeat runs of each scenario on each database
 * @param checksPassed whether every check of every run passed (nothing lost, repeated or out of
 *     order): a verdict counts only then
 */
public record TargetsReport(String tool, String version, String startedAt, Machine machine,
    boolean quick, int repeat, List<TargetVerdict> verdicts, List<RepeatSummary> runs, boolean checksPassed) {

  public boolean allMet() {
    return checksPassed && verdicts.stream().allMatch(TargetVerdict::met);
  }
}
