package dev.threadhook.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhook.bench.load.Answer;
import dev.threadhook.bench.load.HttpClientKind;
import dev.threadhook.bench.load.HttpConnection;
import dev.threadhook.bench.load.HttpConnector;
import dev.threadhook.bench.load.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The calls a scenario makes to set up and check its target, outside the measured load, with
 * one token: a bot's, or an organization's admin's for the administration calls.
 */
public final class ThreadhookApi implements AutoCloseable {
  public static final String SEND_MESSAGE = "/api/send-message-to-customer-thread";
  public static final String CHANNEL_MESSAGES = "/api/channel/messages";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpConnector connector;
  private final String token;

  public ThreadhookApi(URI baseUrl, String token) {
    this.connector = HttpClientKind.RAW.connector(baseUrl);
    this.token = token;
  }

  /**
   * One customer thread per customer {@code bench-0} … {@code bench-(count-1)}, each opened by
   * the customer's first message through the store's channel (an existing customer's thread is
   * found again); returns their ids in customer order.
   */
  public List<Long> customerThreads(String channelKey, int count, int parallelism)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(parallelism);
    try {
      List<Future<Map<Integer, Long>>> parts = new ArrayList<>();
      for (int part = 0; part < parallelism; part++) {
        int first = part;
        parts.add(senders.submit(() -> {
          Map<Integer, Long> ids = new LinkedHashMap<>();
          try (HttpConnection connection = connector.connect()) {
            for (int i = first; i < count; i += parallelism) {
              Answer answer = call(connection, Request.postJson(CHANNEL_MESSAGES, channelKey,
                  "{\"customer\":{\"externalId\":\"bench-" + i + "\"},\"text\":\"hi\"}"));
              ids.put(i, json(answer).path("customerThreadId").asLong());
            }
          }
          return ids;
        }));
      }
      Long[] ids = new Long[count];
      for (Future<Map<Integer, Long>> part : parts) part.get().forEach((i, id) -> ids[i] = id);
      return List.of(ids);
    } finally {
      senders.shutdownNow();
    }
  }

  /** Sets the organization's hook URL (a bot's or an admin's token may); null removes it. */
  public void setHookUrl(URI url) throws IOException {
    try (HttpConnection connection = connector.connect()) {
      call(connection, Request.postJson("/api/update-hook-url", token,
          url == null ? "{\"url\":null}" : "{\"url\":\"" + url + "\"}"));
    }
  }

  /**
   * Pauses the organization's hook (true) or resumes it (false): while paused, messages are
   * queued for it and none is sent.
   */
  public void pauseHook(boolean paused) throws IOException {
    try (HttpConnection connection = connector.connect()) {
      call(connection, Request.postJson(paused ? "/api/webhook/pause" : "/api/webhook/resume",
          token, "{}"));
    }
  }

  /** The organization's hook URL now, if it has one. */
  public Optional<URI> hookUrl() throws IOException {
    try (HttpConnection connection = connector.connect()) {
      JsonNode url = json(call(connection, Request.get("/api/webhook", token))).path("url");
      return url.isTextual() && !url.asText().isEmpty()
          ? Optional.of(URI.create(url.asText())) : Optional.empty();
    }
  }

  /** A new store of the admin's organization; returns its id. */
  public long createStore(String name) throws IOException {
    try (HttpConnection connection = connector.connect()) {
      return json(call(connection, Request.postJson("/api/admin/stores", token,
          "{\"name\":\"" + name + "\"}"))).path("id").asLong();
    }
  }

  /** A new channel key of one of the admin's stores. */
  public String createChannelKey(long storeId, String label) throws IOException {
    try (HttpConnection connection = connector.connect()) {
      return json(call(connection, Request.postJson(
          "/api/admin/stores/" + storeId + "/channel-keys", token,
          "{\"label\":\"" + label + "\"}"))).path("channelKey").asText();
    }
  }

  /** Each thread's message count, as {@code GET /api/customer-threads/{id}} gives it. */
  public Map<Long, Long> messageCounts(List<Long> threadIds) throws IOException {
    Map<Long, Long> counts = new LinkedHashMap<>();
    try (HttpConnection connection = connector.connect()) {
      for (long id : threadIds) {
        Answer answer = call(connection, Request.get("/api/customer-threads/" + id, token));
        counts.put(id, json(answer).path("messageCount").asLong());
      }
    }
    return Collections.unmodifiableMap(counts);
  }

  private static Answer call(HttpConnection connection, Request request) throws IOException {
    Answer answer = connection.send(request);
    if (!answer.successful()) {
      throw new IOException(request.method() + " " + request.path() + " answered "
          + answer.status() + ": " + answer.text());
    }
    return answer;
  }

  private static JsonNode json(Answer answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException("expected JSON but was: " + answer.text(), e);
    }
  }

  @Override
  public void close() {
    connector.close();
  }
}
