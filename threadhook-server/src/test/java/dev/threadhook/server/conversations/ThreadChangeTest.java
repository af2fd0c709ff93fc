package dev.threadhook.server.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadhook.api.ThreadStatus;
import dev.threadhook.server.conversations.ConversationStore.ThreadChange;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one group commit's messages do to a thread's row: its count, and its status. */
class ThreadChangeTest {
  private static final NewMessage CUSTOMER = message(true, false);
  private static final NewMessage REPLY = message(false, false);
  private static final NewMessage NOTE = message(false, true);

  @Test
  void theLastMessageThatMovesTheStatusSetsIt() {
    assertThat(changeOf(CUSTOMER, REPLY, NOTE))
        .isEqualTo(new ThreadChange(3, ThreadStatus.REPLIED));
    assertThat(changeOf(REPLY, NOTE, CUSTOMER, NOTE))
        .isEqualTo(new ThreadChange(4, ThreadStatus.WAITING));
  }

  @Test
  void notesAloneLeaveTheStatusAsItIs() {
    assertThat(changeOf(NOTE)).isEqualTo(new ThreadChange(1, null));
    assertThat(changeOf(NOTE, NOTE)).isEqualTo(new ThreadChange(2, null));
  }

  private static ThreadChange changeOf(NewMessage... messages) {
    return List.of(messages).stream().map(ThreadChange::of)
        .reduce(ThreadChange::then).orElseThrow();
  }

  private static NewMessage message(boolean fromCustomer, boolean invisible) {
    return new NewMessage(1, fromCustomer, fromCustomer ? null : 7L, "hi", invisible, null, null);
  }
}
