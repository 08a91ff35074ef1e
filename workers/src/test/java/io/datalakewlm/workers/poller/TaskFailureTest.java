package io.datalakewlm.workers.poller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.handler.ErrorNames;
import org.junit.jupiter.api.Test;

class TaskFailureTest {

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00"; // one code point, two chars
    String cause = "a".repeat(TaskFailure.MAX_CAUSE - 16) + emoji.repeat(100);
    String cut = new TaskFailure("E", cause).cause();
    assertTrue(cut.length() <= TaskFailure.MAX_CAUSE);
    assertTrue(cut.endsWith(" ...(truncated)"));
    String kept = cut.substring(0, cut.length() - " ...(truncated)".length());
    assertTrue(!Character.isHighSurrogate(kept.charAt(kept.length() - 1)), "a lone high surrogate was left");
  }

  @Test
  void shortValuesAreKeptAsTheyAre() {
    TaskFailure f = TaskFailure.of(new ActivityException(ErrorNames.LEASE_LOST, "nothing left to renew"));
    assertEquals(new TaskFailure("Wlm.LeaseLost", "nothing left to renew"), f);
  }

  @Test
  void anExceptionWithoutMessageIsNamedByItsClass() {
    assertEquals(new TaskFailure(ErrorNames.WORKER_ERROR, "NullPointerException"),
        TaskFailure.of(new NullPointerException()));
  }

  @Test
  void aCauseCycleIsDescribedOnce() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertEquals("RuntimeException: a; caused by RuntimeException: b", TaskFailure.of(a).cause());
  }
}
