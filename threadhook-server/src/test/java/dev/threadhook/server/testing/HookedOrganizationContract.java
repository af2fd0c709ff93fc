package dev.threadhook.server.testing;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the webhook tests that run on both databases: one server for the class with the
 * webhook settings the subclass names, and for each test a new organization whose hook is a
 * fresh {@link RecordingReceiver}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HookedOrganizationContract {
  protected TestServer server;
  protected RecordingReceiver receiver;
  protected TestOrganization org;

  protected abstract DatabaseKind database();

  /** The server's webhook settings; fast retries by default. */
  protected dev.threadhook.server.webhooks.WebhookConfig webhookConfig() {
    return WebhookFixtures.fast().build();
  }

  /** Whether each test's organization starts with the receiver as its hook. */
  protected boolean hookedFromTheStart() {
    return true;
  }

  @BeforeAll
  void startServer() {
    server = WebhookFixtures.server(database(), webhookConfig());
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @BeforeEach
  void newOrganizationWithItsReceiver() {
    receiver = RecordingReceiver.start();
    org = TestOrganization.create(server.server(), getClass().getSimpleName() + "-" + UUID.randomUUID());
    if (hookedFromTheStart()) WebhookFixtures.setHookUrl(server, org.botToken(), receiver.url());
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }
}
