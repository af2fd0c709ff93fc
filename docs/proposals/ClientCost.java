/*
 * The outbound client's CPU per webhook POST, for docs/proposals/outbound-http-client.md: posts a
 * webhook-sized body with the sender's headers from N virtual threads to a no-op receiver in
 * another JVM, and prints the requests a second and this JVM's CPU per request (a measurement
 * for the proposal, not part of the build).
 *
 *   J=/usr/lib/jvm/temurin-25-jdk-amd64/bin; R=~/.m2/repository/org/eclipse/jetty; V=11.0.25
 *   CP=$R/jetty-client/$V/jetty-client-$V.jar:$R/jetty-http/$V/jetty-http-$V.jar:\
 *   $R/jetty-io/$V/jetty-io-$V.jar:$R/jetty-util/$V/jetty-util-$V.jar:$(find ~/.m2/repository/org/slf4j/slf4j-api -name 'slf4j-api-2*.jar' | tail -1)
 *   $J/java -cp $CP docs/proposals/ClientCost.java receiver 19090 &
 *   for client in jdk jetty url; do
 *     $J/java -Xmx96m -XX:+UseParallelGC -cp $CP docs/proposals/ClientCost.java $client http://127.0.0.1:19090/hook 4 8 10
 *   done
 *
 * Arguments: client, receiver URL, concurrent requests, warm-up seconds, measured seconds. Clients:
 * - jdk: java.net.http.HttpClient as WebhookSender builds it (a virtual thread per task);
 * - jdkdirect, jdkdefault: the same with a direct executor, or the client's default one;
 * - jdknotimeout: jdk without the request's own timeout (only the future's);
 * - url: HttpURLConnection, blocking, on the posting virtual threads;
 * - jetty: Jetty 11's HttpClient, its thread pool handing tasks to virtual threads (the server's
 *   prototype, outbound-http-client.patch, runs it on 8 platform threads by default).
 */
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.jetty.client.util.BytesRequestContent;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

public class ClientCost {
  /** POSTs one webhook and returns the answer's status. */
  interface Poster {
    int post(byte[] body, int i) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("receiver")) {
      receiver(Integer.parseInt(args[1]));
      return;
    }
    String client = args[0];
    URI uri = URI.create(args[1]);
    int concurrent = Integer.parseInt(args[2]);
    int warmupSeconds = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    byte[] body = ("{\"businessId\":1,\"customerThreadId\":\"123\",\"messageId\":\"456\","
        + "\"text\":\"" + "x".repeat(480) + "\"}").getBytes(StandardCharsets.UTF_8);
    Poster poster = switch (client) {
      case "jdk" -> jdk(uri, virtualThreads(), true);
      case "jdknotimeout" -> jdk(uri, virtualThreads(), false);
      case "jdkdirect" -> jdk(uri, Runnable::run, true);
      case "jdkdefault" -> jdk(uri, null, true);
      case "url" -> url(uri);
      case "jetty" -> jetty(uri);
      default -> throw new IllegalArgumentException(client);
    };

    AtomicLong answered = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds + seconds);
    Thread[] posters = new Thread[concurrent];
    for (int t = 0; t < concurrent; t++) {
      posters[t] = Thread.ofVirtual().start(() -> {
        for (int i = 0; System.nanoTime() < end; i++) {
          try {
            if (poster.post(body, i) != 204) errors.incrementAndGet();
            answered.incrementAndGet();
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      });
    }
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
    long count0 = answered.get(), cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    long count1 = answered.get(), cpu1 = os.getProcessCpuTime(), t1 = System.nanoTime();
    for (Thread t : posters) t.join();

    double requests = count1 - count0;
    double cpuNanos = cpu1 - cpu0;
    System.out.printf("%s conc %d: %.0f req/s, client CPU %.2f cores,"
            + " %.1f µs CPU per request, errors %d%n",
        client, concurrent, requests / ((t1 - t0) / 1e9), cpuNanos / (t1 - t0),
        cpuNanos / 1e3 / requests, errors.get());
    System.exit(0);
  }

  /** The headers WebhookSender sends, with values of their usual sizes. */
  static void headersTo(BiConsumer<String, String> header, int i) {
    header.accept("Content-Type", "application/json");
    header.accept("User-Agent", "Threadhook/1.0");
    header.accept("webhook-id", "msg_" + i);
    header.accept("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000));
    header.accept("webhook-signature", "v1,abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=");
    header.accept("webhook-attempt", "1");
  }

  static Executor virtualThreads() {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory());
  }

  /** @param executor the client's executor, or null for its default */
  static Poster jdk(URI uri, Executor executor, boolean requestTimeout) {
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (executor != null) builder.executor(executor);
    HttpClient client = builder.connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    return (body, i) -> {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri);
      if (requestTimeout) request.timeout(Duration.ofSeconds(10));
      headersTo(request::header, i);
      return client.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
              HttpResponse.BodyHandlers.ofByteArray())
          .get(10, TimeUnit.SECONDS).statusCode();
    };
  }

  static Poster url(URI uri) throws Exception {
    URL url = uri.toURL();
    return (body, i) -> {
      HttpURLConnection c = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5000);
      c.setReadTimeout(10000);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setDoOutput(true);
      c.setRequestMethod("POST");
      c.setFixedLengthStreamingMode(body.length);
      headersTo(c::setRequestProperty, i);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      if (in != null) {
        try (in) {
          in.readNBytes(4096);
        }
      }
      return status;
    };
  }

  static Poster jetty(URI uri) throws Exception {
    var client = new org.eclipse.jetty.client.HttpClient();
    client.setFollowRedirects(false);
    client.setMaxConnectionsPerDestination(64);
    client.setConnectTimeout(5000);
    QueuedThreadPool pool = new QueuedThreadPool(16);
    pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    client.setExecutor(pool);
    client.setUserAgentField(null);
    client.start();
    return (body, i) -> {
      var request = client.POST(uri).timeout(10, TimeUnit.SECONDS);
      request.headers(headers -> headersTo(headers::put, i));
      request.body(new BytesRequestContent("application/json", body));
      return request.send().getStatus();
    };
  }

  /** A no-op receiver: reads each body and answers 204. */
  static void receiver(int port) throws Exception {
    var server = com.sun.net.httpserver.HttpServer.create(
        new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }
}
