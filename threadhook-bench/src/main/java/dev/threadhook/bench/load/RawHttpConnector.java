package dev.threadhook.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** Connections of {@link HttpClientKind#RAW}. */
final class RawHttpConnector implements HttpConnector {
  private final InetSocketAddress address;
  private final String hostHeader;

  RawHttpConnector(URI baseUrl) {
    if (!"http".equals(baseUrl.getScheme())) {
      throw new IllegalArgumentException(
          "the raw client speaks plain http only but the URL was " + baseUrl);
    }
    int port = baseUrl.getPort() == -1 ? 80 : baseUrl.getPort();
    this.address = new InetSocketAddress(baseUrl.getHost(), port);
    this.hostHeader = baseUrl.getHost() + ":" + port;
  }

  @Override
  public HttpConnection connect() throws IOException {
    RawHttpConnection connection = new RawHttpConnection(address, hostHeader);
    connection.open();
    return connection;
  }

  @Override
  public void close() {
    // each connection owns its socket
  }
}
