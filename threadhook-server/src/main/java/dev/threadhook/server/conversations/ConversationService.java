package dev.threadhook.server.conversations;

import dev.threadhook.api.ThreadStatus;
import dev.threadhook.server.Clock;
import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.ChannelPrincipal;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.accounts.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Customer threads and their messages: who may see and write what, and the one transaction each
 * new message is written in.
 */
public final class ConversationService implements AutoCloseable {
  /** Longest message text, in Unicode code points (Telegram's is 4096; long notes need more). */
  public static final int MAX_TEXT_LENGTH = 10_000;
  /** Largest attachment a channel may post, decoded. */
  public static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
  public static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

  private final ConversationStore store;
  private final GroupCommit writer;
  private final Clock clock;

  /**
   * @param writers how many transactions may write messages at once; each commits every
   *     message that waits when it starts (group commit)
   */
  public ConversationService(ConversationStore store, int writers, Clock clock) {
    this.store = store;
    this.writer = new GroupCommit(store, writers, 256);
    this.clock = clock;
  }

  /**
   * Posts an employee's or bot's message to a thread, in its public part or, when
   * {@code internal}, in its invisible employee-only part.
   */
  public StoredMessage send(
      Principal principal, long threadId, String text, boolean internal, String idempotencyKey) {
    requireText(text, false);
    ConversationStore.IdempotencyRecord idempotency = null;
    if (idempotencyKey != null) {
      // Whether the thread may be seen is said before whether the key was used; without a key
      // the write's own transaction checks it, saving a query per message.
      visibleThread(principal, threadId);
      String requestHash = Secrets.hash(threadId + "\u0000" + internal + "\u0000" + text);
      Optional<StoredMessage> earlier = earlierResult(principal, idempotencyKey, requestHash);
      if (earlier.isPresent()) return earlier.get();
      idempotency = new ConversationStore.IdempotencyRecord(principal.tokenId(), idempotencyKey,
          requestHash, clock.millis() - IDEMPOTENCY_WINDOW.toMillis());
    }
    NewMessage message = new NewMessage(
        threadId, false, principal.userId(), text, internal, null, null);
    try {
      return writer.append(
          new ConversationStore.Append(message, idempotency, principal::canSee,
              principal.tokenId(), null));
    } catch (RuntimeException e) {
      // Two requests with one key raced: the loser's transaction rolled back on the key's
      // primary key, and it answers with the winner's message.
      if (idempotency != null) {
        Optional<StoredMessage> earlier =
            earlierResult(principal, idempotencyKey, idempotency.requestHash());
        if (earlier.isPresent()) return earlier.get();
      }
      throw e;
    }
  }

  private Optional<StoredMessage> earlierResult(
      Principal principal, String key, String requestHash) {
    long notBefore = clock.millis() - IDEMPOTENCY_WINDOW.toMillis();
    Optional<ConversationStore.IdempotentResult> earlier =
        store.idempotentResult(principal.tokenId(), key, notBefore);
    if (earlier.isEmpty()) return Optional.empty();
    if (!earlier.get().requestHash().equals(requestHash)) {
      throw new DomainException(DomainException.Reason.INVALID_REQUEST, "idempotency_key_reused",
          "Idempotency-Key '" + key + "' was already used with a different request");
    }
    return store.message(earlier.get().messageId());
  }

  /** Deletes idempotency keys past their 24 hours; returns how many. */
  public int forgetExpiredIdempotencyKeys() {
    return store.pruneIdempotencyKeys(clock.millis() - IDEMPOTENCY_WINDOW.toMillis());
  }

  public StoredThread updateStatus(Principal principal, long threadId, ThreadStatus status) {
    StoredThread thread = visibleThread(principal, threadId);
    store.updateStatus(thread.id(), status);
    return store.thread(thread.id()).orElseThrow();
  }

  /**
   * A customer's message arriving through a store's channel: finds or creates the customer and
   * their thread in that store, and appends the message (which reopens a resolved thread).
   */
  public StoredMessage receiveFromCustomer(ChannelPrincipal channel, IncomingCustomerMessage in) {
    requireText(in.text(), in.attachment() != null);
    if (in.attachment() != null && in.attachment().content().length > MAX_ATTACHMENT_BYTES) {
      throw DomainException.tooLarge("attachment must be at most " + MAX_ATTACHMENT_BYTES
          + " bytes but was " + in.attachment().content().length);
    }
    long threadId = store.customerThread(
            channel.organizationId(), channel.storeId(), in.customerExternalId())
        .orElseGet(() -> {
          StoredCustomer customer = store.findOrCreateCustomer(channel.organizationId(),
              in.customerExternalId(), in.customerName(), in.customerPhone(),
              in.customerEmail());
          return store.findOrOpenThread(
              channel.organizationId(), channel.storeId(), customer.id());
        });
    String text = in.text() == null ? "" : in.text();
    return writer.append(new ConversationStore.Append(new NewMessage(
        threadId, true, null, text, false, in.externalId(), in.attachment()), null,
        ThreadAccess.ANY, null, channel.channelKeyId()));
  }

  public StoredThread thread(Principal principal, long threadId) {
    return visibleThread(principal, threadId);
  }

  /** Threads the principal can see, newest first; {@code beforeId} is the page cursor. */
  public List<StoredThread> threads(
      Principal principal, ThreadStatus status, Long storeId, long beforeId, int limit) {
    Set<Long> stores = principal.seesAllStores() ? null : principal.memberStoreIds();
    if (storeId != null) {
      stores = (stores == null || stores.contains(storeId)) ? Set.of(storeId) : Set.of();
    }
    return store.threads(principal.organizationId(), stores, status, beforeId, limit);
  }

  public List<StoredMessage> messages(
      Principal principal, long threadId, long afterSequence, int limit) {
    StoredThread thread = visibleThread(principal, threadId);
    return store.messages(thread.id(), afterSequence, limit);
  }

  public ConversationStore.AttachmentContent attachment(Principal principal, String uuid) {
    return store.attachment(uuid)
        .filter(a -> principal.canSee(a.organizationId(), a.storeId()))
        .orElseThrow(() -> DomainException.notFound("attachment '" + uuid + "' does not exist"));
  }

  private StoredThread visibleThread(Principal principal, long threadId) {
    // A thread the token may not see gets the same answer as one that does not exist, so ids
    // of other organizations cannot be probed.
    return store.thread(threadId)
        .filter(t -> principal.canSee(t.organizationId(), t.storeId()))
        .orElseThrow(() -> DomainException.notFound(
            "customer thread " + threadId + " does not exist"));
  }

  private static void requireText(String text, boolean mayBeEmpty) {
    if (text == null || text.isBlank()) {
      if (mayBeEmpty && (text == null || text.isEmpty())) return;
      throw DomainException.invalid("text must not be empty or blank");
    }
    if (text.indexOf('\u0000') >= 0) {
      throw DomainException.invalid("text must not contain NUL (\\u0000) characters");
    }
    int length = text.codePointCount(0, text.length());
    if (length > MAX_TEXT_LENGTH) {
      throw DomainException.invalid(
          "text must be at most " + MAX_TEXT_LENGTH + " characters but was " + length);
    }
  }

  /** Commits the messages already accepted, then stops writing. */
  @Override
  public void close() {
    writer.close();
  }
}
