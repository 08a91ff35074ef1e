package io.datalakewlm.asl.exec;

import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.Retrier;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code Retry} and {@code Catch} rules of one state run. The first retrier whose
 * {@code ErrorEquals} matches decides alone: when its attempts are spent the error goes to the
 * catchers, not to later retriers. Each retrier counts its own attempts for the whole state run.
 */
final class Recovery {
  private final List<Retrier> retriers;
  private final List<Catcher> catchers;
  private final int[] attempts;
  private int retryCount;

  Recovery(List<Retrier> retriers, List<Catcher> catchers) {
    this.retriers = retriers;
    this.catchers = catchers;
    this.attempts = new int[retriers.size()];
  }

  /** Retries made so far in this state run ({@code $$.State.RetryCount}). */
  int retryCount() {
    return retryCount;
  }

  /**
   * The delay in milliseconds before retrying after {@code error}, or -1 when no retrier takes it.
   * Counts the attempt when it returns a delay.
   */
  long retryDelayMillis(String error, SplittableRandom random) {
    for (int i = 0; i < retriers.size(); i++) {
      Retrier retrier = retriers.get(i);
      if (!matches(retrier.errorEquals(), error)) {
        continue;
      }
      if (attempts[i] >= retrier.maxAttempts()) {
        return -1;
      }
      double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempts[i]);
      if (retrier.maxDelaySeconds() != null) {
        seconds = Math.min(seconds, retrier.maxDelaySeconds());
      }
      if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL) {
        seconds = random.nextDouble() * seconds;
      }
      attempts[i]++;
      retryCount++;
      return Math.round(seconds * 1000);
    }
    return -1;
  }

  /** The catcher that handles {@code error}, or {@code null}. */
  Catcher catcher(String error) {
    for (Catcher catcher : catchers) {
      if (matches(catcher.errorEquals(), error)) {
        return catcher;
      }
    }
    return null;
  }

  private static boolean matches(List<String> errorEquals, String error) {
    String name = error == null ? "" : error;
    for (String pattern : errorEquals) {
      if (ErrorNames.matches(pattern, name)) {
        return true;
      }
    }
    return false;
  }
}
