package dev.threadhook.bench.scenario;

import dev.threadhook.bench.load.Answer;
import dev.threadhook.bench.load.HttpLoad;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages of one phase that the server acknowledged, by number: when each request was sent
 * and when its answer was read. A message the server accepted but whose answer never came back
 * is not here: nothing was promised for it.
 */
final class AcknowledgedMessages implements HttpLoad.Acknowledgements {
  /** Both on System.nanoTime. */
  record Acknowledged(long sentAtNanos, long acknowledgedAtNanos) {}

  private final String phase;
  private final Map<Long, Acknowledged> messages = new ConcurrentHashMap<>();

  /** @param phase the word naming the phase in the messages' texts */
  AcknowledgedMessages(String phase) {
    this.phase = phase;
  }

  String phase() {
    return phase;
  }

  @Override
  public void acknowledged(long index, long sentAtNanos, long answeredAtNanos, Answer answer) {
    messages.put(index, new Acknowledged(sentAtNanos, answeredAtNanos));
  }

  /** Every acknowledged message so far; read it once the phase is over. */
  Map<Long, Acknowledged> all() {
    return messages;
  }
}
