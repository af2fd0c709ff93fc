package dev.threadhook.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Tokens are stored and looked up under their SHA-256, hashed by every request at once. */
class SecretsTest {
  @Test
  void hashesAreTheHexSha256OfTheSecret() {
    // FIPS 180-2's test vectors.
    assertThat(Secrets.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Secrets.hash(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aSecretMatchesItsOwnHashOnly() {
    String stored = Secrets.hash("th_bot_secret");

    assertThat(Secrets.matches("th_bot_secret", stored)).isTrue();
    assertThat(Secrets.matches("th_bot_secreT", stored)).isFalse();
  }

  @Test
  void threadsHashingAtOnceEachGetTheirOwnSecretsHash() throws Exception {
    List<String> secrets = new ArrayList<>();
    List<String> oneAtATime = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      secrets.add("th_secret_" + i + "_" + "x".repeat(i % 97));
      oneAtATime.add(Secrets.hash(secrets.get(i)));
    }

    List<String> atOnce = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
      List<Future<String>> hashes = new ArrayList<>();
      for (String secret : secrets) hashes.add(threads.submit(() -> Secrets.hash(secret)));
      for (Future<String> hash : hashes) atOnce.add(hash.get());
    }

    assertThat(atOnce).isEqualTo(oneAtATime);
  }
}
