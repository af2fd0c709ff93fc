package dev.threadhook.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loopback webhook receiver the delivery scenarios point hook URLs at. */
class ReceiverTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private final Receiver receiver = Receiver.start();

  @AfterEach
  void close() {
    receiver.close();
    client.close();
  }

  private CompletableFuture<HttpResponse<Void>> deliver(String webhookId, String body) {
    return client.sendAsync(HttpRequest.newBuilder(receiver.url())
            .header("webhook-id", webhookId).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void recordsEachDeliveryWithItsWebhookIdAndBodyInArrivalOrder() throws Exception {
    assertThat(deliver("msg_1", "{\"messageId\":1}").join().statusCode()).isEqualTo(204);
    assertThat(deliver("msg_2", "{\"messageId\":2}").join().statusCode()).isEqualTo(204);

    assertThat(receiver.arrivals()).extracting(Receiver.Arrival::webhookId)
        .containsExactly("msg_1", "msg_2");
    assertThat(new String(receiver.arrivals().get(1).body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"messageId\":2}");
    assertThat(receiver.arrivals()).extracting(Receiver.Arrival::answeredWith)
        .containsOnly(204);
  }

  @Test
  void answersWithTheStatusItIsToldTo() {
    receiver.answerWith(503);

    assertThat(deliver("msg_1", "{}").join().statusCode()).isEqualTo(503);
    assertThat(receiver.arrivals().get(0).answeredWith()).isEqualTo(503);
  }

  @Test
  void hangsUntilReleasedButRecordsTheArrivalAtOnce() throws Exception {
    receiver.hang();
    CompletableFuture<HttpResponse<Void>> hanging = deliver("msg_1", "{}");

    assertThat(receiver.awaitArrivals(1, Duration.ofSeconds(10))).isTrue();
    assertThat(receiver.arrivals().get(0).answeredWith()).isEqualTo(-1);
    assertThat(hanging).isNotDone();
    receiver.release();
    assertThat(hanging.join().statusCode()).isEqualTo(204);
  }

  @Test
  void refusesConnectionsWhileDownAndComesBackOnTheSamePort() throws Exception {
    URI url = receiver.url();
    receiver.goDown();

    assertThatThrownBy(() -> deliver("msg_1", "{}").join())
        .hasCauseInstanceOf(ConnectException.class);

    receiver.comeBack();
    assertThat(receiver.url()).isEqualTo(url);
    assertThat(deliver("msg_2", "{}").join().statusCode()).isEqualTo(204);
    assertThat(receiver.arrivals()).extracting(Receiver.Arrival::webhookId)
        .containsExactly("msg_2");
  }
}
