package dev.threadhook.server.webhooks;

import dev.threadhook.server.DomainException;
import dev.threadhook.server.accounts.AccountStore;
import dev.threadhook.server.accounts.Principal;
import dev.threadhook.server.accounts.UserKind;

/** An organization's hook URL: where every message of its customer threads is POSTed. */
public final class WebhookSettings {
  private final AccountStore accounts;

  public WebhookSettings(AccountStore accounts) {
    this.accounts = accounts;
  }

  /** Sets the hook URL, or removes it when {@code url} is null or empty; admins and bots only. */
  public String updateUrl(Principal principal, String url) {
    if (!principal.isAdmin() && principal.kind() != UserKind.BOT) {
      throw DomainException.forbidden("only an admin's or a bot's token may change the hook url");
    }
    String stored = (url == null || url.isBlank()) ? null : HookUrlPolicy.checkSyntax(url);
    accounts.setWebhookUrl(principal.organizationId(), stored);
    return stored;
  }
}
