package dev.threadhook.bench;

/** Which ceilings a run measures beside its scenario. */
record CeilingChoice(boolean http, boolean database) {
  static final CeilingChoice NONE = new CeilingChoice(false, false);
}
