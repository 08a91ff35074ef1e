package io.datalakewlm.workers.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.workers.failure.WorkerFailure;
import io.datalakewlm.workers.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The one way a handler is run, by the activity poller in production and by the simulator and
 * the local runtime: it turns what the handler did into the answer Step Functions gets.
 * <ul>
 *   <li>its output: the task succeeds;</li>
 *   <li>an {@link ActivityException} or a typed {@link WorkerFailure}: the task fails with the
 *       failure's error name ({@code Wlm.NoSlot}, {@code Wlm.Contention}, …) and cause;</li>
 *   <li>a {@link StoreException}: {@code Wlm.StoreUnavailable}, transient;</li>
 *   <li>anything else is a bug: {@code Wlm.WorkerError} with the exception's type and message as
 *       the cause (never a stack trace), which the state machines do not retry;</li>
 *   <li>a {@link PollingHandler} with nothing to answer yet: ask again later (the caller keeps the
 *       task open meanwhile).</li>
 * </ul>
 */
public final class TaskRunner {

  /** What a task attempt came to. */
  public sealed interface Answer {
    /** The handler answered. */
    record Succeeded(JsonNode output) implements Answer { }

    /**
     * The task fails with an error name and cause.
     *
     * @param bug the unexpected exception behind a {@code Wlm.WorkerError}, for the log; else null
     */
    record Failed(String error, String cause, RuntimeException bug) implements Answer { }

    /** A long poll found nothing yet: run the task again after this long. */
    record Again(Duration after) implements Answer { }
  }

  private TaskRunner() {
  }

  /**
   * Runs one look of a task.
   *
   * @param since when the task was first run (a long poll waits from then)
   * @param now the runner's present (virtual in the simulator)
   * @param stopping the worker is stopping: a long poll answers at once
   */
  public static Answer run(String name, ActivityHandler handler, JsonNode input, Instant since, Instant now,
                           boolean stopping) {
    try {
      if (handler instanceof PollingHandler polling) {
        var found = polling.poll(input);
        if (found.isPresent()) {
          return new Answer.Succeeded(found.get());
        }
        Duration left = polling.waitFor(input).minus(Duration.between(since, now));
        if (stopping || left.isZero() || left.isNegative()) {
          return new Answer.Succeeded(polling.nothing(input));
        }
        Duration every = polling.pollEvery(input);
        return new Answer.Again(every.compareTo(left) < 0 ? every : left);
      }
      return new Answer.Succeeded(handler.handle(input));
    } catch (ActivityException e) {
      return new Answer.Failed(e.error(), e.cause() == null ? "" : e.cause(), null);
    } catch (WorkerFailure e) {
      return new Answer.Failed(e.errorName(), name + ": " + e.getMessage(), null);
    } catch (StoreException e) {
      return new Answer.Failed(ErrorNames.STORE_UNAVAILABLE, name + ": " + e.getMessage(), null);
    } catch (RuntimeException bug) {
      return new Answer.Failed(ErrorNames.WORKER_ERROR, describe(bug), bug);
    }
  }

  /** "Type: message; caused by Type: message", each cause once (cycles are possible), never a stack trace. */
  public static String describe(Throwable thrown) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
      if (!text.isEmpty()) {
        text.append("; caused by ");
      }
      text.append(t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage());
      }
      if (text.length() > 32_768) {
        break;
      }
    }
    return text.toString();
  }
}
