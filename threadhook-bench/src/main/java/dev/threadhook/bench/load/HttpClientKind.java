package dev.threadhook.bench.load;

import java.net.URI;

/** The HTTP clients the load can be generated with. */
public enum HttpClientKind {
  /**
   * Blocking sockets, one keep-alive connection per load worker, HTTP/1.1 written and read by
   * hand: the least CPU per request, which matters when the load generator shares two cores
   * with the server.
   */
  RAW {
    @Override
    public HttpConnector connector(URI baseUrl) {
      return new RawHttpConnector(baseUrl);
    }
  },
  /** java.net.http.HttpClient over HTTP/1.1, one shared client for every load worker. */
  JDK {
    @Override
    public HttpConnector connector(URI baseUrl) {
      return new JdkHttpConnector(baseUrl);
    }
  };

  public abstract HttpConnector connector(URI baseUrl);
}
