package dev.threadhook.bench.load;

import java.io.IOException;

/**
 * One client's way to a server: a request at a time, answered before the next is sent. After an
 * IOException the next request connects again.
 */
public interface HttpConnection extends AutoCloseable {
  Answer send(Request request) throws IOException;

  @Override
  void close();
}
