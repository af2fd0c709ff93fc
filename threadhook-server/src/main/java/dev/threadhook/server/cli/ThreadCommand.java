package dev.threadhook.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code threadhook thread show N}: a thread as a transcript, both parts, in order. */
@Command(name = "thread", mixinStandardHelpOptions = true,
    description = "Reads customer threads from a running server.",
    subcommands = ThreadCommand.Show.class)
final class ThreadCommand {

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Prints a thread's messages, public and internal, oldest first.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ClientOptions client;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "A token that can see the thread (default: the demo admin's).")
    String token;

    @Parameters(paramLabel = "THREAD_ID") long thread;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        ApiCall api = new ApiCall(client.server);
        String reader = client.orDemo(token, DemoSeed.DemoInfo::adminToken, "--token");
        JsonNode t = api.get("/api/customer-threads/" + thread, reader);
        out.printf("thread %d · store %d · %s · customer %s (%s)%n", t.path("id").asLong(),
            t.path("storeId").asLong(), t.path("status").asText(),
            t.path("customer").path("id").asText(),
            t.path("customer").path("name").asText("no name"));
        String after = "";
        do {
          JsonNode page = api.get("/api/customer-threads/" + thread + "/messages?limit=200&after="
              + after, reader);
          for (JsonNode m : page.path("items")) {
            String who = m.path("fromCustomer").asBoolean() ? "customer"
                : "user " + m.path("employeeUserId").asLong();
            String part = m.path("invisible").asBoolean() ? " (internal)" : "";
            String attachment = m.path("attachment").isObject()
                ? " [" + m.path("attachment").path("name").asText() + "]" : "";
            out.printf("  #%-4d %-12s%s %s%s%n", m.path("sequence").asLong(), who, part,
                m.path("body").asText(), attachment);
          }
          after = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (after != null);
        out.flush();
        return 0;
      } catch (ApiCall.CliException e) {
        spec.commandLine().getErr().println("threadhook thread show: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
    }
  }
}
