package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.Progress;
import dev.threadhook.bench.target.Target;

/**
 * What a scenario runs with: its target, how hard to load it, the runner of its phases, the
 * ceilings to measure alongside, and the user's progress display.
 */
public record ScenarioContext(
    Target target,
    LoadSettings load,
    PhaseRunner phases,
    Ceilings ceilings,
    Progress progress) {}
