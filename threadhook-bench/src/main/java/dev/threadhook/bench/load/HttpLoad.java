package dev.threadhook.bench.load;

/** HTTP load: each worker sends {@code requests}' requests on a connection of its own. */
public final class HttpLoad implements LoadChannels {
  private final HttpConnector connector;
  private final RequestSource requests;

  public HttpLoad(HttpConnector connector, RequestSource requests) {
    this.connector = connector;
    this.requests = requests;
  }

  @Override
  public LoadChannel open() throws Exception {
    HttpConnection connection = connector.connect();
    return new LoadChannel() {
      @Override
      public void perform(long index) throws Exception {
        Answer answer = connection.send(requests.request(index));
        if (!answer.successful()) throw new UnexpectedStatusException(answer.status(), answer.text());
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
