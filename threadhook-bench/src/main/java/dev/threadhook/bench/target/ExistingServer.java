package dev.threadhook.bench.target;

import dev.threadhook.bench.report.TargetInfo;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A server that was already running, named by its URL, with a bot token and either the
 * threads to write to or a channel key to create them with; or, for {@code fanout}, which makes
 * organizations of its own, with the admin command line on its database.
 */
public final class ExistingServer implements Target {
  private final URI baseUrl;
  private final String botToken;
  private final String channelKey;
  private final List<Long> threadIds;
  private final RssSampler memory;
  private final ServerAdmin admin;

  /**
   * @param pid the server's process id when it runs on this machine, for its memory; or null
   * @param admin the admin command line on the server's database, when it was named; or null
   */
  public ExistingServer(URI baseUrl, String botToken, String channelKey, List<Long> threadIds,
      Long pid, ServerAdmin admin) {
    if (admin == null && channelKey == null && threadIds.isEmpty()) {
      throw new IllegalArgumentException(
          "an existing server needs --thread-ids to write to or a --channel-key to create threads with");
    }
    this.baseUrl = baseUrl;
    this.botToken = botToken;
    this.channelKey = channelKey;
    this.threadIds = List.copyOf(threadIds);
    this.memory = pid == null ? null : new RssSampler(pid, Duration.ofMillis(100));
    this.admin = admin;
  }

  @Override
  public Optional<ServerAdmin> admin() {
    return Optional.ofNullable(admin);
  }

  @Override
  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public String botToken() {
    return botToken;
  }

  @Override
  public Optional<String> channelKey() {
    return Optional.ofNullable(channelKey);
  }

  @Override
  public List<Long> threadIds() {
    return threadIds;
  }

  @Override
  public Optional<RssSampler> memory() {
    return Optional.ofNullable(memory);
  }

  @Override
  public boolean startedHere() {
    return false;
  }

  @Override
  public TargetInfo info() {
    OptionalLong max = memory == null ? OptionalLong.empty() : memory.max();
    return new TargetInfo("existing", baseUrl.toString(), null, List.of(), List.of(), null, null,
        null,
        max.isPresent() ? max.getAsLong() : null);
  }

  @Override
  public void close() {
    if (memory != null) memory.close();
  }
}
