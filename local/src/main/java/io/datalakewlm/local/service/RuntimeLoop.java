package io.datalakewlm.local.service;

import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.local.protocol.ApiException;
import io.datalakewlm.local.protocol.ErrorCode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The thread that runs the wall-clock scheduler, and the bridge from HTTP threads to it. The
 * runtime, the emulated services and the service's own records are touched only by this thread,
 * so none of them needs a lock: an HTTP thread hands its work over with {@link #call} and waits.
 *
 * <p>An exception escaping an action (a bug in a handler) is logged and the loop goes on with the
 * next action, so one broken execution cannot stop the endpoint.
 */
public final class RuntimeLoop implements AutoCloseable {
  /** How long a request waits for the loop before it is answered as unavailable. */
  private static final long CALL_TIMEOUT_SECONDS = 30;
  private static final System.Logger LOG = System.getLogger(RuntimeLoop.class.getName());

  private final Scheduler scheduler;
  private final Thread thread;
  private volatile boolean closed;

  public RuntimeLoop(Scheduler scheduler) {
    this.scheduler = scheduler;
    this.thread = new Thread(this::loop, "wlm-local-runtime");
    thread.setDaemon(true);
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  /** Starts the loop thread; before this, set-up code may touch the runtime directly. */
  public void start() {
    thread.start();
  }

  /** Runs {@code action} on the loop and waits for its answer; its {@link ApiException} is rethrown. */
  public <T> T call(Supplier<T> action) {
    return await(submit(action), CALL_TIMEOUT_SECONDS);
  }

  /** Runs {@code action} on the loop; the future completes with its answer or its exception. */
  public <T> CompletableFuture<T> submit(Supplier<T> action) {
    CompletableFuture<T> future = new CompletableFuture<>();
    if (closed) {
      future.completeExceptionally(ErrorCode.SERVICE_UNAVAILABLE.exception("The local endpoint is shutting down"));
      return future;
    }
    scheduler.post(() -> {
      try {
        future.complete(action.get());
      } catch (RuntimeException | Error e) {
        future.completeExceptionally(e);
      }
    });
    return future;
  }

  /** Runs {@code action} on the loop, without waiting. */
  public void post(Runnable action) {
    scheduler.post(action);
  }

  /**
   * Waits for a future of {@link #submit}: its value, its {@link ApiException}, or
   * {@code ServiceUnavailable} after {@code timeoutSeconds}.
   */
  public static <T> T await(CompletableFuture<T> future, long timeoutSeconds) {
    try {
      return future.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (TimeoutException e) {
      throw ErrorCode.SERVICE_UNAVAILABLE.exception("The local runtime did not answer within " + timeoutSeconds + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ErrorCode.SERVICE_UNAVAILABLE.exception("Interrupted while waiting for the local runtime");
    }
  }

  /** Stops the loop after the current action and waits for the thread to end. */
  @Override
  public void close() {
    closed = true;
    scheduler.stop();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Runs the scheduler until closed, surviving actions that throw.
  private void loop() {
    while (!closed) {
      try {
        scheduler.run();
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.ERROR, "an action of the local runtime failed; the runtime goes on", e);
      }
    }
  }
}
