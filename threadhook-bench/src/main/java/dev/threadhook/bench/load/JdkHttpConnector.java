package dev.threadhook.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Connections of {@link HttpClientKind#JDK}: one {@link HttpClient} shared by every worker; it
 * opens as many HTTP/1.1 connections as requests are in flight and keeps them alive.
 */
final class JdkHttpConnector implements HttpConnector {
  private final URI baseUrl;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();

  JdkHttpConnector(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public HttpConnection connect() {
    return new HttpConnection() {
      @Override
      public Answer send(Request request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(request.path()))
            .method(request.method(), request.body().length == 0 && !request.method().equals("POST")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
          HttpResponse<byte[]> response =
              client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
          return new Answer(response.statusCode(), response.body());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }

      @Override
      public void close() {
        // the shared client owns the connections
      }
    };
  }

  @Override
  public void close() {
    client.close();
  }
}
