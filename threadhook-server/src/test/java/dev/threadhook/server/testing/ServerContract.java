package dev.threadhook.server.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tests that run on both databases: one server and one organization for the whole
 * class, on the database the concrete subclass names ({@code XxxOnH2Test},
 * {@code XxxOnPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerContract {
  protected TestServer server;
  protected TestOrganization org;

  protected abstract DatabaseKind database();

  @BeforeAll
  void startServerWithAnOrganization() {
    server = TestServer.start(database());
    org = TestOrganization.create(server.server(), "Acme");
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  protected Http http() {
    return server.http();
  }
}
