package dev.threadhook.server.webhooks;

import dev.threadhook.server.storage.Dialect;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** An organization's hook in the database: its URL, secrets, and whether and how it last worked. */
final class HookStore {
  private final Jdbi jdbi;
  private final Dialect dialect;

  HookStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  /** An organization's hook columns. */
  record Hook(
      long organizationId,
      String url,
      String secret,
      String previousSecret,
      Long previousSecretExpiresAt,
      Long disabledAt,
      String disabledReason,
      Long lastSuccessAt,
      Long lastErrorAt,
      String lastError) {}

  Optional<Hook> hook(long organizationId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, webhook_url, webhook_secret,"
            + " webhook_previous_secret, webhook_previous_secret_expires, webhook_disabled_at,"
            + " webhook_disabled_reason, webhook_last_success_at, webhook_last_error_at,"
            + " webhook_last_error FROM organizations WHERE id = :id")
        .bind("id", organizationId)
        .map((rs, ctx) -> new Hook(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getObject(5, Long.class), rs.getObject(6, Long.class),
            rs.getString(7), rs.getObject(8, Long.class), rs.getObject(9, Long.class),
            rs.getString(10)))
        .findOne());
  }

  /**
   * Sets (or, with null, removes) the URL. Setting one lifts a 410's disabling, and every node
   * is woken: the deliveries kept meanwhile go to the new URL.
   */
  void setUrl(long organizationId, String url) {
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE organizations SET webhook_url = :url, webhook_disabled_at = NULL,"
              + " webhook_disabled_reason = NULL WHERE id = :id")
          .bind("url", url).bind("id", organizationId).execute();
      if (url != null) Outbox.notifyNodes(h, dialect);
    });
  }

  /**
   * Pauses a hook that is set and active: its deliveries keep being queued, due, and none is
   * attempted until it resumes. False when there was nothing to pause (no URL, or disabled already).
   */
  boolean pause(long organizationId, long now, String reason) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE organizations SET webhook_disabled_at = :now,"
            + " webhook_disabled_reason = :reason WHERE id = :id AND webhook_url IS NOT NULL"
            + " AND webhook_disabled_at IS NULL")
        .bind("now", now).bind("reason", reason).bind("id", organizationId)
        .execute()) > 0;
  }

  /**
   * Lifts a pause, or a 410's disabling, of a hook that has a URL, and wakes every node: what
   * queued meanwhile goes out, each thread in order. False when no URL is set.
   */
  boolean resume(long organizationId) {
    return jdbi.inTransaction(h -> {
      int updated = h.createUpdate("UPDATE organizations SET webhook_disabled_at = NULL,"
              + " webhook_disabled_reason = NULL WHERE id = :id AND webhook_url IS NOT NULL")
          .bind("id", organizationId).execute();
      if (updated > 0) Outbox.notifyNodes(h, dialect);
      return updated > 0;
    });
  }

  /** Makes {@code secret} the signing secret; the current one keeps signing until {@code previousUntil}. */
  void rotateSecret(long organizationId, String secret, long previousUntil) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE organizations SET"
            + " webhook_previous_secret = webhook_secret,"
            + " webhook_previous_secret_expires = :until, webhook_secret = :secret WHERE id = :id")
        .bind("until", previousUntil).bind("secret", secret).bind("id", organizationId)
        .execute());
  }
}
