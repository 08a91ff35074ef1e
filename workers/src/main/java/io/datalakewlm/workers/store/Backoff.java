package io.datalakewlm.workers.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause between two attempts of an optimistic write that lost a race on one item (a token
 * bucket or semaphore updated by many workers at once): random and growing, so the writers
 * spread out instead of colliding again. A single writer (the simulator) never loses a race and
 * never pauses.
 */
public final class Backoff {

  private Backoff() {
  }

  /** Sleeps up to {@code min(2^attempt, 64)} milliseconds after the given failed attempt (0-based). */
  public static void pause(int attempt) {
    int bound = 1 << Math.min(attempt, 6);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while retrying a contended write", e);
    }
  }
}
