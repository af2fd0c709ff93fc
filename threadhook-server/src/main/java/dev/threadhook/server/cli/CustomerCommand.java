package dev.threadhook.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhook.api.ChannelMessageRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code threadhook customer say}: be a customer writing to a store, through the store's channel
 * endpoint — how you try a bot without a real web chat or SMS gateway.
 */
@Command(name = "customer", mixinStandardHelpOptions = true,
    description = "Acts as a customer, through a store's channel endpoint.",
    subcommands = CustomerCommand.Say.class)
final class CustomerCommand {

  @Command(name = "say", mixinStandardHelpOptions = true,
      description = "Posts a customer's message: into an existing thread (--thread) or as a "
          + "customer of a store (--customer with --channel-key).")
  static final class Say implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--thread", paramLabel = "ID",
        description = "Write as the customer of this thread (finds its customer and store).")
    Long thread;

    @Option(names = "--customer", paramLabel = "EXTERNAL_ID",
        description = "The customer's id in the channel (default with --thread: the thread's).")
    String customer;

    @Option(names = "--channel-key", paramLabel = "KEY",
        description = "The store's channel key (default: from demo.json).")
    String channelKey;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "An admin or bot token to look the thread up with (default: demo admin).")
    String token;

    @Option(names = "--wait", paramLabel = "SECONDS",
        description = "Wait this long for an answer in the thread's public part and print it; "
            + "exit 3 when none comes.")
    Integer waitSeconds;

    @Parameters(paramLabel = "TEXT", description = "What the customer writes.")
    String text;

    @Override
    public Integer call() {
      try {
        ApiCall api = new ApiCall(client.server);
        String key = channelKey;
        String externalId = customer;
        if (thread != null) {
          String lookup = client.orDemo(token, DemoSeed.DemoInfo::adminToken, "--token");
          JsonNode found = api.get("/api/customer-threads/" + thread, lookup);
          if (externalId == null) externalId = found.path("customer").path("externalId").asText();
          if (key == null) {
            long store = found.path("storeId").asLong();
            key = client.orDemo(null, d -> d.channelKeys() == null ? null
                : d.channelKeys().get(store), "--channel-key");
          }
        }
        if (externalId == null) {
          throw new ApiCall.CliException("--thread or --customer is required");
        }
        key = client.orDemo(key, DemoSeed.DemoInfo::channelKey, "--channel-key");
        JsonNode sent = api.post("/api/channel/messages", key, new ChannelMessageRequest(
            new ChannelMessageRequest.CustomerRef(externalId, null, null, null), text, null, null));
        spec.commandLine().getOut().printf("customer %s wrote message %d in thread %d%n",
            sent.path("customerId").asText(), sent.path("messageId").asLong(),
            sent.path("customerThreadId").asLong());
        spec.commandLine().getOut().flush();
        if (waitSeconds == null) return 0;
        String reader = client.orDemo(token, DemoSeed.DemoInfo::adminToken, "--token");
        return awaitAnswer(api, reader, sent.path("customerThreadId").asLong(),
            sent.path("messageId").asLong()) ? 0 : 3;
      } catch (ApiCall.CliException e) {
        spec.commandLine().getErr().println("threadhook customer say: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }

    /** Polls the thread until a public employee or bot message follows the customer's. */
    private boolean awaitAnswer(ApiCall api, String reader, long thread, long messageId) {
      long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
      long after = 0;
      boolean seenOwn = false;
      while (System.nanoTime() < deadline) {
        JsonNode page = api.get("/api/customer-threads/" + thread + "/messages?limit=200&after="
            + after, reader);
        for (JsonNode m : page.path("items")) {
          after = m.path("sequence").asLong();
          if (m.path("id").asLong() == messageId) {
            seenOwn = true;
          } else if (seenOwn && !m.path("fromCustomer").asBoolean()
              && !m.path("invisible").asBoolean()) {
            spec.commandLine().getOut().printf("answer from user %d: %s%n",
                m.path("employeeUserId").asLong(), m.path("body").asText());
            spec.commandLine().getOut().flush();
            return true;
          }
        }
        if (page.path("nextCursor").isNull()) sleep(200);
      }
      spec.commandLine().getErr().printf("no answer in thread %d within %d s%n", thread,
          waitSeconds);
      spec.commandLine().getErr().flush();
      return false;
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiCall.CliException("interrupted");
      }
    }
  }
}
