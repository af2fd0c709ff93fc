package dev.threadhook.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.server.testing.DatabaseKind;
import dev.threadhook.server.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Being a customer and reading a thread from the command line, against a running server. */
class CustomerAndThreadCommandsTest {
  private TestServer server;
  private DemoSeed.DemoInfo demo;

  @BeforeEach
  void startDemo() throws Exception {
    server = TestServer.start(DatabaseKind.H2);
    demo = new DemoSeed(server.server().accounts(), server.server().conversations())
        .ensure(server.config().dataDir(), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void customerSaysIntoAThreadAndThreadShowPrintsIt() {
    long thread = demo.customerThreadIds().get(2); // in the second store, resolved
    Result said = run("customer", "say", "--thread", "" + thread, "I forgot my gloves too!");
    assertThat(said.exit).as(said.err).isZero();
    assertThat(said.out).contains("in thread " + thread);

    Result shown = run("thread", "show", "" + thread);
    assertThat(shown.exit).as(shown.err).isZero();
    assertThat(shown.out)
        .contains("thread " + thread)
        .contains("waiting")
        .contains("customer     I forgot my gloves too!")
        .contains("Did anyone find a blue umbrella");
  }

  @Test
  void newCustomerWithChannelKeyOpensAThread() {
    Result said = run("customer", "say", "--customer", "cli-walk-in", "--channel-key",
        demo.channelKey(), "Hi from the CLI");
    assertThat(said.exit).as(said.err).isZero();
    long thread = Long.parseLong(said.out.replaceAll("(?s).*in thread (\\d+).*", "$1"));
    assertThat(demo.customerThreadIds()).doesNotContain(thread);
    assertThat(run("thread", "show", "" + thread).out).contains("Hi from the CLI");
  }

  @Test
  void waitPrintsTheAnswerThatFollowsAndIgnoresInternalNotes() throws Exception {
    long thread = demo.customerThreadIds().get(0);
    var bot = server.server().accounts().authenticate(demo.botToken());
    Thread answering = Thread.ofVirtual().start(() -> {
      try {
        // answer only once the customer's message is in, as a bot would
        long count = server.server().conversations().thread(bot, thread).messageCount();
        while (server.server().conversations().thread(bot, thread).messageCount() == count) {
          Thread.sleep(20);
        }
        server.server().conversations().send(bot, thread, "staff only", true, null);
        server.server().conversations().send(bot, thread, "We open at 8.", false, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Result said = run("customer", "say", "--thread", "" + thread, "--wait", "10", "When?");
    answering.join();
    assertThat(said.exit).as(said.err).isZero();
    assertThat(said.out).contains("answer from user " + bot.userId() + ": We open at 8.")
        .doesNotContain("staff only");
  }

  @Test
  void waitWithoutAnAnswerExits3() {
    Result said = run("customer", "say", "--thread", "" + demo.customerThreadIds().get(1),
        "--wait", "1", "Anyone?");
    assertThat(said.exit).isEqualTo(3);
    assertThat(said.err).contains("no answer in thread " + demo.customerThreadIds().get(1)
        + " within 1 s");
  }

  @Test
  void internalNotesAreMarkedInTheTranscript() {
    assertThat(run("thread", "show", "" + demo.customerThreadIds().get(1)).out)
        .contains("(internal) Check with the bakery");
  }

  @Test
  void noServerIsReportedInOneLine() {
    Result result = ThreadhookCommandRunner.run(Map.of(), "customer", "say",
        "--server", "http://127.0.0.1:1", "--data-dir", server.config().dataDir().toString(),
        "--thread", "1", "hello");
    assertThat(result.exit).isNotZero();
    assertThat(result.err).contains("no server answers at http://127.0.0.1:1")
        .doesNotContain("Exception");
  }

  private Result run(String... args) {
    String[] all = new String[args.length + 4];
    // "thread show N" and "customer say …" both start with two words
    System.arraycopy(args, 0, all, 0, 2);
    all[2] = "--server";
    all[3] = server.baseUrl();
    all[4] = "--data-dir";
    all[5] = server.config().dataDir().toString();
    System.arraycopy(args, 2, all, 6, args.length - 2);
    return ThreadhookCommandRunner.run(Map.of(), all);
  }

  record Result(int exit, String out, String err) {}

  static final class ThreadhookCommandRunner {
    static Result run(Map<String, String> env, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = ThreadhookCommand.commandLine(env).setOut(new PrintWriter(out))
          .setErr(new PrintWriter(err)).execute(args);
      return new Result(exit, out.toString(), err.toString());
    }
  }
}
