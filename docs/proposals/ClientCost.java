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
 * Arguments: client (jdk: java.net.http.HttpClient as WebhookSender builds it; jdkdirect and
 * jdkdefault: the same with a direct or the default executor; url: HttpURLConnection; jetty:
 * Jetty 11's HttpClient), receiver URL, concurrent requests, warm-up seconds, measured seconds.
 */
import java.io.*;
import java.lang.management.ManagementFactory;
import java.net.*;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

public class ClientCost {
  interface Poster { int post(byte[] body, int i) throws Exception; }

  public static void main(String[] a) throws Exception {
    if (a[0].equals("receiver")) { receiver(Integer.parseInt(a[1])); return; }
    String mode = a[0]; URI uri = URI.create(a[1]);
    int conc = Integer.parseInt(a[2]); int warm = Integer.parseInt(a[3]); int secs = Integer.parseInt(a[4]);
    byte[] body = ("{\"businessId\":1,\"customerThreadId\":\"123\",\"messageId\":\"456\",\"text\":\""
        + "x".repeat(480) + "\"}").getBytes(StandardCharsets.UTF_8);
    Poster p = switch (mode) {
      case "jdk" -> jdk(uri, Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory()));
      case "jdkdirect" -> jdk(uri, Runnable::run);
      case "jdkdefault" -> jdk(uri, null);
      case "url" -> url(uri);
      case "jetty" -> jetty(uri);
      default -> throw new IllegalArgumentException(mode);
    };
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong count = new AtomicLong(); AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + (long) (warm + secs) * 1_000_000_000L;
    Thread[] ts = new Thread[conc];
    for (int t = 0; t < conc; t++) {
      ts[t] = Thread.ofVirtual().start(() -> {
        int i = 0;
        while (System.nanoTime() < end) {
          try { int s = p.post(body, i++); if (s != 204) errors.incrementAndGet(); count.incrementAndGet(); }
          catch (Exception e) { errors.incrementAndGet(); }
        }
      });
    }
    Thread.sleep(warm * 1000L);
    long c0 = count.get(), cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
    Thread.sleep(secs * 1000L);
    long c1 = count.get(), cpu1 = os.getProcessCpuTime(), t1 = System.nanoTime();
    for (Thread t : ts) t.join();
    double n = c1 - c0;
    System.out.printf("%s conc %d: %.0f req/s, client CPU %.2f cores, %.1f µs CPU per request, errors %d%n",
        mode, conc, n / ((t1 - t0) / 1e9), (cpu1 - cpu0) / (double) (t1 - t0), (cpu1 - cpu0) / 1e3 / n, errors.get());
    System.exit(0);
  }

  static void headersTo(java.util.function.BiConsumer<String,String> h, int i) {
    h.accept("Content-Type", "application/json");
    h.accept("User-Agent", "Threadhook/1.0");
    h.accept("webhook-id", "msg_" + i);
    h.accept("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000));
    h.accept("webhook-signature", "v1,abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=");
    h.accept("webhook-attempt", "1");
  }

  static Poster jdk(URI uri, Executor ex) {
    var bb = HttpClient.newBuilder(); if (ex != null) bb.executor(ex);
    HttpClient c = bb.connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY)
        .version(HttpClient.Version.HTTP_1_1).build();
    return (body, i) -> {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
      headersTo(b::header, i);
      HttpRequest r = b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      return c.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray()).get(10, TimeUnit.SECONDS).statusCode();
    };
  }

  static Poster url(URI uri) throws Exception {
    URL u = uri.toURL();
    return (body, i) -> {
      HttpURLConnection c = (HttpURLConnection) u.openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5000); c.setReadTimeout(10000); c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setDoOutput(true); c.setRequestMethod("POST"); c.setFixedLengthStreamingMode(body.length);
      headersTo(c::setRequestProperty, i);
      try (OutputStream o = c.getOutputStream()) { o.write(body); }
      int s = c.getResponseCode();
      InputStream in = s >= 400 ? c.getErrorStream() : c.getInputStream();
      if (in != null) try (in) { in.readNBytes(4096); }
      return s;
    };
  }

  static Poster jetty(URI uri) throws Exception {
    org.eclipse.jetty.client.HttpClient c = new org.eclipse.jetty.client.HttpClient();
    c.setFollowRedirects(false);
    c.setMaxConnectionsPerDestination(64);
    c.setConnectTimeout(5000);
    c.setExecutor(new org.eclipse.jetty.util.thread.QueuedThreadPool(16) {{ setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor()); }});
    c.setUserAgentField(null);
    c.start();
    return (body, i) -> {
      var r = c.POST(uri).timeout(10, TimeUnit.SECONDS);
      r.headers(h -> headersTo(h::put, i));
      r.body(new org.eclipse.jetty.client.util.BytesRequestContent("application/json", body));
      return r.send().getStatus();
    };
  }

  static void receiver(int port) throws Exception {
    var s = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    s.createContext("/", x -> { x.getRequestBody().readAllBytes(); x.sendResponseHeaders(204, -1); x.close(); });
    s.start();
  }
}
