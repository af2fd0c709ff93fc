package dev.threadhook.bench.load;

import java.io.IOException;

/** Opens connections to one server; closing it releases what its connections share. */
public interface HttpConnector extends AutoCloseable {
  /** A connection, already connected when the client allows it, so no phase pays for that. */
  HttpConnection connect() throws IOException;

  @Override
  void close();
}
