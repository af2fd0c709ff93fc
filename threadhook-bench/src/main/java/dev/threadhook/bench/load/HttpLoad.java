package dev.threadhook.bench.load;

/** HTTP load: each worker sends {@code requests}' requests on a connection of its own. */
public final class HttpLoad implements LoadChannels {
  /**
   * Told of each request answered with 2xx, on the worker's thread, so a scenario can follow
   * what became of it after its answer (the webhook it caused, say).
   */
  @FunctionalInterface
  public interface Acknowledgements {
    /**
     * @param sentAtNanos System.nanoTime just before the request was written
     * @param answeredAtNanos System.nanoTime once its answer had been read
     */
    void acknowledged(long index, long sentAtNanos, long answeredAtNanos, Answer answer);
  }

  private static final Acknowledgements NOBODY = (index, sent, answered, answer) -> { };

  private final HttpConnector connector;
  private final RequestSource requests;
  private final Acknowledgements acknowledgements;

  public HttpLoad(HttpConnector connector, RequestSource requests) {
    this(connector, requests, NOBODY);
  }

  public HttpLoad(
      HttpConnector connector, RequestSource requests, Acknowledgements acknowledgements) {
    this.connector = connector;
    this.requests = requests;
    this.acknowledgements = acknowledgements;
  }

  @Override
  public LoadChannel open() throws Exception {
    HttpConnection connection = connector.connect();
    return new LoadChannel() {
      @Override
      public void perform(long index) throws Exception {
        Request request = requests.request(index);
        long sentAt = System.nanoTime();
        Answer answer = connection.send(request);
        long answeredAt = System.nanoTime();
        if (!answer.successful()) throw new UnexpectedStatusException(answer.status(), answer.text());
        acknowledgements.acknowledged(index, sentAt, answeredAt, answer);
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
