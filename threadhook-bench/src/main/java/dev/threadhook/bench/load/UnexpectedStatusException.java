package dev.threadhook.bench.load;

/** An answer that was not 2xx; the load counts it as failed under "HTTP &lt;status&gt;". */
public final class UnexpectedStatusException extends Exception {
  private final int status;

  public UnexpectedStatusException(int status, String body) {
    super("expected a 2xx answer but was " + status + ": "
        + (body.length() > 300 ? body.substring(0, 300) + "…" : body), null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
