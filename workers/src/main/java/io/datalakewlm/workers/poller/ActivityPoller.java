package io.datalakewlm.workers.poller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.handler.ActivityHandler;
import io.datalakewlm.workers.handler.ErrorNames;
import io.datalakewlm.workers.handler.TaskRunner;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs activity handlers against Step Functions activities, the way Temporal's Java SDK runs
 * activity workers: per activity, a few poller threads long-poll GetActivityTask; a task goes to
 * a bounded executor that runs the handler, sends SendTaskHeartbeat every heartbeat interval
 * while it runs, and reports SendTaskSuccess or SendTaskFailure.
 *
 * <p><b>Capacity.</b> Each activity has {@code maxConcurrent} permits. A poller takes one before
 * it polls and the task keeps it until reported, so a task is never fetched without a thread to
 * run it: Step Functions starts a task's timeout when it hands the task out, and a task waiting
 * in a local queue would burn it. Activities have separate permits, so a busy activity cannot
 * starve the others of pollers.
 *
 * <p><b>Failures.</b> An {@code ActivityException} is reported with its error name and cause;
 * any other exception as {@code Wlm.WorkerError} with the exception's class and message as the
 * cause (see {@link TaskFailure}); input that is not JSON as {@code Wlm.InvalidInput}; output that
 * Step Functions refuses as {@code Wlm.InvalidOutput}. An answer of TaskTimedOut (or an unknown
 * token) to a heartbeat or a report means Step Functions gave up on the task: its result is
 * dropped and logged, never retried. Throttling, 5xx answers and network errors are retried
 * with exponential backoff and full jitter, polls indefinitely, reports a few times.
 *
 * <p><b>Shutdown.</b> {@link #shutdown()} stops new polls. A poll already in flight may still
 * return a task (the service holds it up to 60 s): that task is run and reported like any other,
 * because Step Functions has already handed it to this worker. Running tasks finish. Once the
 * polls have returned and the tasks are reported, the poller terminates. If that takes longer
 * than the drain timeout, the tasks still running are reported as {@code Wlm.WorkerStopped}
 * (handlers are idempotent, so a Retry on it is safe) and their threads interrupted; a poll
 * still in flight then is abandoned, and a task it returns later (while the JVM lives) is
 * reported the same way. Give the process a stop timeout above the drain timeout (ECS:
 * {@code stopTimeout}), and a drain timeout above 60 s plus the longest handler.
 *
 * <p>Logging goes to {@link System.Logger} (java.util.logging unless configured otherwise):
 * warnings for failures of the API and dropped results, nothing per successful task.
 */
public final class ActivityPoller {

  private static final System.Logger LOG = System.getLogger(ActivityPoller.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** SendTaskSuccess's limit on output: 256 KiB of UTF-8. */
  static final int MAX_OUTPUT_BYTES = 262_144;
  /** GetActivityTask's limit on workerName. */
  static final int MAX_WORKER_NAME = 80;

  /**
   * One activity this worker serves.
   *
   * @param handlerName the handler's name, for logs
   * @param pollers threads long-polling the activity at once
   * @param maxConcurrent tasks of the activity running at once (at least {@code pollers})
   */
  public record Binding(String activityArn, String handlerName, ActivityHandler handler, int pollers,
                        int maxConcurrent) {
    public Binding {
      Objects.requireNonNull(activityArn);
      Objects.requireNonNull(handlerName);
      Objects.requireNonNull(handler);
      if (pollers < 1) {
        throw new IllegalArgumentException(handlerName + ": pollers must be >= 1, got " + pollers);
      }
      if (maxConcurrent < pollers) {
        throw new IllegalArgumentException(handlerName + ": maxConcurrent (" + maxConcurrent
            + ") must be >= pollers (" + pollers + "), or some pollers could never poll");
      }
    }
  }

  /**
   * How the poller behaves.
   *
   * @param workerName sent with every GetActivityTask (at most 80 characters; longer is cut)
   * @param heartbeatInterval between two SendTaskHeartbeat of a running task, the first one after
   *     one interval; keep it well under the states' HeartbeatSeconds
   * @param drainTimeout how long {@link #shutdown()} waits for in-flight polls and tasks
   * @param backoffBase first pause after a failed call (doubled per failure, full jitter)
   * @param backoffMax longest pause
   * @param reportAttempts attempts of SendTaskSuccess/Failure on retryable errors before giving up
   */
  public record Options(String workerName, Duration heartbeatInterval, Duration drainTimeout, Duration backoffBase,
                        Duration backoffMax, int reportAttempts) {
    public Options {
      Objects.requireNonNull(workerName);
      workerName = workerName.length() > MAX_WORKER_NAME ? workerName.substring(0, MAX_WORKER_NAME) : workerName;
      positive(heartbeatInterval, "heartbeatInterval");
      Objects.requireNonNull(drainTimeout);
      if (drainTimeout.isNegative()) {
        throw new IllegalArgumentException("drainTimeout must be >= 0, got " + drainTimeout);
      }
      positive(backoffBase, "backoffBase");
      positive(backoffMax, "backoffMax");
      if (reportAttempts < 1) {
        throw new IllegalArgumentException("reportAttempts must be >= 1, got " + reportAttempts);
      }
    }

    /** Heartbeat every 20 s, drain for 80 s (a 60 s poll and 20 s of handler), backoff 100 ms to 30 s, 5 report attempts. */
    public static Options defaults() {
      return new Options(defaultWorkerName(), Duration.ofSeconds(20), Duration.ofSeconds(80), Duration.ofMillis(100),
          Duration.ofSeconds(30), 5);
    }

    public Options withWorkerName(String name) {
      return new Options(name, heartbeatInterval, drainTimeout, backoffBase, backoffMax, reportAttempts);
    }

    public Options withHeartbeatInterval(Duration interval) {
      return new Options(workerName, interval, drainTimeout, backoffBase, backoffMax, reportAttempts);
    }

    public Options withDrainTimeout(Duration timeout) {
      return new Options(workerName, heartbeatInterval, timeout, backoffBase, backoffMax, reportAttempts);
    }

    public Options withBackoff(Duration base, Duration max) {
      return new Options(workerName, heartbeatInterval, drainTimeout, base, max, reportAttempts);
    }

    private static void positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be > 0, got " + d);
      }
    }
  }

  /**
   * Counters of one activity since start.
   *
   * @param failed tasks reported with SendTaskFailure (by their handler or the poller)
   * @param dropped results not reported because Step Functions no longer had the task
   * @param unreported results that could not be reported (API errors beyond the retries)
   * @param apiErrors failed calls of the activity API, retried or not
   */
  public record ActivityStats(String activityArn, String handlerName, long tasks, long succeeded, long failed,
                              long dropped, long unreported, long heartbeats, long apiErrors) { }

  private enum State { NEW, RUNNING, STOPPING, TERMINATED }

  private final ActivityApi api;
  private final List<Activity> activities;
  private final Options options;
  private final ThreadPoolExecutor executor;
  private final ScheduledThreadPoolExecutor heartbeats;
  private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
  private final List<Thread> pollThreads = new ArrayList<>();
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private volatile State state = State.NEW;
  /** Set once the drain timeout passed: from then on a task that arrives is failed at once. */
  private volatile boolean abandoned;

  public ActivityPoller(ActivityApi api, List<Binding> bindings, Options options) {
    this.api = Objects.requireNonNull(api);
    this.options = Objects.requireNonNull(options);
    if (bindings.isEmpty()) {
      throw new IllegalArgumentException("the poller needs at least one activity");
    }
    Map<String, Activity> byArn = new LinkedHashMap<>();
    for (Binding b : bindings) {
      if (byArn.put(b.activityArn(), new Activity(b)) != null) {
        throw new IllegalArgumentException("activity " + b.activityArn() + " is bound twice");
      }
    }
    this.activities = List.copyOf(byArn.values());
    int threads = bindings.stream().mapToInt(Binding::maxConcurrent).sum();
    // The permits bound the tasks to `threads`, so the queue stays empty and nothing is ever rejected.
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        named("wlm-task"));
    this.executor.allowCoreThreadTimeOut(true);
    this.heartbeats = new ScheduledThreadPoolExecutor(2, named("wlm-heartbeat"));
    this.heartbeats.setRemoveOnCancelPolicy(true);
  }

  /** {@code host:pid}, which tells an operator reading an execution history where a task ran. */
  public static String defaultWorkerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
    }
    String name = host + ":" + ProcessHandle.current().pid();
    return name.length() > MAX_WORKER_NAME ? name.substring(name.length() - MAX_WORKER_NAME) : name;
  }

  public Options options() {
    return options;
  }

  /** Starts the pollers. */
  public void start() {
    synchronized (lifecycle) {
      if (state != State.NEW) {
        throw new IllegalStateException("the poller was started before");
      }
      state = State.RUNNING;
      for (Activity activity : activities) {
        for (int i = 1; i <= activity.binding.pollers(); i++) {
          Thread t = new Thread(() -> pollLoop(activity), "wlm-poll-" + activity.binding.handlerName() + "-" + i);
          t.setDaemon(true);
          pollThreads.add(t);
        }
      }
      pollThreads.forEach(Thread::start);
    }
    LOG.log(System.Logger.Level.INFO, "worker " + options.workerName() + " polling " + activities.size()
        + " activities with " + pollThreads.size() + " pollers");
  }

  /**
   * Stops polling and drains in the background (see the class comment); returns at once.
   * Idempotent; {@link #awaitTermination} tells when it is done.
   */
  public void shutdown() {
    synchronized (lifecycle) {
      if (state == State.STOPPING || state == State.TERMINATED) {
        return;
      }
      boolean started = state == State.RUNNING;
      state = State.STOPPING;
      stopSignal.countDown();
      if (!started) {
        finish();
        return;
      }
      // Wake the pollers waiting for a permit: they see the stop and leave without polling.
      activities.forEach(a -> a.capacity.release(a.binding.pollers()));
      Thread drain = new Thread(this::drain, "wlm-drain");
      drain.setDaemon(true);
      drain.start();
    }
  }

  /** Waits until the poller terminated; true if it did within the timeout. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether polls and tasks ended within the drain timeout (false also while still draining). */
  public boolean drainedCleanly() {
    return terminated.getCount() == 0 && !abandoned;
  }

  /** Counters per activity, in binding order. */
  public List<ActivityStats> stats() {
    return activities.stream().map(Activity::stats).toList();
  }

  // One poller thread: take a permit, long-poll, hand the task over; until stopped.
  private void pollLoop(Activity activity) {
    int failures = 0;
    while (true) {
      activity.capacity.acquireUninterruptibly();
      if (state != State.RUNNING) {
        activity.capacity.release();
        return;
      }
      Optional<ActivityTask> task;
      try {
        task = api.getActivityTask(activity.binding.activityArn(), options.workerName());
        failures = 0;
      } catch (RuntimeException e) {
        activity.capacity.release();
        activity.apiErrors.incrementAndGet();
        Duration pause = pollPause(e, failures++);
        LOG.log(System.Logger.Level.WARNING, "GetActivityTask " + activity.binding.handlerName() + " failed ("
            + describe(e) + "); polling again in " + pause.toMillis() + " ms");
        if (awaitStop(pause)) {
          return;
        }
        continue;
      }
      if (task.isEmpty()) {
        activity.capacity.release();
        continue;
      }
      dispatch(activity, task.get());
    }
  }

  // Runs a fetched task on the executor; after the drain timeout, fails it at once instead.
  private void dispatch(Activity activity, ActivityTask task) {
    activity.tasks.incrementAndGet();
    RunningTask running = new RunningTask(activity, task);
    if (abandoned) {
      stopped(running, "arrived after the drain timeout");
      activity.capacity.release();
      return;
    }
    try {
      executor.execute(new TaskRun(running));
    } catch (RejectedExecutionException e) {
      stopped(running, "arrived after the drain timeout");
      activity.capacity.release();
    }
  }

  // Runs the handler with heartbeats, then reports its outcome unless the task is gone or was failed by the drain.
  private void run(RunningTask task) {
    task.thread = Thread.currentThread();
    running.put(task.task.taskToken(), task);
    long interval = options.heartbeatInterval().toMillis();
    ScheduledFuture<?> beat = null;
    try {
      beat = heartbeats.scheduleWithFixedDelay(() -> heartbeat(task), interval, interval, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // terminating: the task runs without heartbeats
    }
    Outcome outcome;
    try {
      outcome = execute(task.activity.binding, task);
    } finally {
      if (beat != null) {
        beat.cancel(false);
      }
      running.remove(task.task.taskToken());
      task.thread = null;
    }
    if (task.claim()) {
      report(task, outcome, options.reportAttempts());
    }
    Thread.interrupted(); // an interrupt meant for this task must not reach the next one
  }

  // The handler's outcome through the task runner: its output as JSON text, or the failure to report. A
  // long poll sleeps between looks (heartbeats go on) and answers at once when the worker stops.
  private Outcome execute(Binding binding, RunningTask task) {
    JsonNode input;
    try {
      input = JSON.readTree(task.task.input());
    } catch (JsonProcessingException e) {
      return new Outcome(null, new TaskFailure(ErrorNames.INVALID_INPUT,
          binding.handlerName() + ": the task input is not JSON: " + e.getOriginalMessage()));
    }
    Instant since = Instant.now();
    TaskRunner.Answer answer;
    try {
      while (true) {
        answer = TaskRunner.run(binding.handlerName(), binding.handler(), input, since, Instant.now(),
            state != State.RUNNING || task.gone);
        if (!(answer instanceof TaskRunner.Answer.Again again)) {
          break;
        }
        awaitStop(again.after());
      }
    } catch (Throwable thrown) {
      // Even an Error is reported: the state machine learns at once instead of waiting for the timeout.
      LOG.log(System.Logger.Level.ERROR, binding.handlerName() + " failed with " + thrown, thrown);
      return new Outcome(null, new TaskFailure(ErrorNames.WORKER_ERROR, TaskRunner.describe(thrown)));
    }
    if (answer instanceof TaskRunner.Answer.Failed failed) {
      if (failed.bug() != null) {
        LOG.log(System.Logger.Level.ERROR, binding.handlerName() + " failed with " + failed.bug(), failed.bug());
      }
      return new Outcome(null, new TaskFailure(failed.error(), failed.cause()));
    }
    JsonNode output = ((TaskRunner.Answer.Succeeded) answer).output();
    String text = output == null ? "null" : output.toString();
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_OUTPUT_BYTES) {
      return new Outcome(null, new TaskFailure(ErrorNames.INVALID_OUTPUT, binding.handlerName() + ": the output is "
          + text.getBytes(StandardCharsets.UTF_8).length + " bytes, more than the 262,144 Step Functions accepts"));
    }
    return new Outcome(text, null);
  }

  // Sends one heartbeat; a task Step Functions gave up on is marked gone. Holds the task's lock, so no
  // heartbeat is ever sent after the task's report was claimed (the service would answer TaskTimedOut).
  private void heartbeat(RunningTask task) {
    synchronized (task) {
      beat(task);
    }
  }

  // The heartbeat itself.
  private void beat(RunningTask task) {
    if (task.gone || task.reported.get()) {
      return;
    }
    try {
      api.sendTaskHeartbeat(task.task.taskToken());
      task.activity.heartbeats.incrementAndGet();
    } catch (ActivityApiException e) {
      task.activity.apiErrors.incrementAndGet();
      if (e.kind() == ActivityApiException.Kind.TASK_GONE) {
        task.gone = true;
        LOG.log(System.Logger.Level.WARNING, task.activity.binding.handlerName() + ": Step Functions no longer has the "
            + "task (" + e.code() + ") while its handler runs; its result will be dropped");
      } else {
        LOG.log(System.Logger.Level.WARNING, "SendTaskHeartbeat " + task.activity.binding.handlerName() + " failed ("
            + describe(e) + "); the next heartbeat tries again");
      }
    } catch (RuntimeException e) {
      task.activity.apiErrors.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "SendTaskHeartbeat " + task.activity.binding.handlerName() + " failed ("
          + describe(e) + ")");
    }
  }

  // Reports an outcome, retrying what can be retried; a gone task's result is dropped.
  private void report(RunningTask task, Outcome outcome, int attempts) {
    Activity activity = task.activity;
    String handler = activity.binding.handlerName();
    if (task.gone) {
      activity.dropped.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, handler + ": result dropped, Step Functions no longer has the task");
      return;
    }
    Outcome current = outcome;
    for (int attempt = 0; attempt < attempts; attempt++) {
      try {
        if (current.failure == null) {
          api.sendTaskSuccess(task.task.taskToken(), current.output);
          activity.succeeded.incrementAndGet();
        } else {
          api.sendTaskFailure(task.task.taskToken(), current.failure.error(), current.failure.cause());
          activity.failed.incrementAndGet();
        }
        return;
      } catch (ActivityApiException e) {
        activity.apiErrors.incrementAndGet();
        switch (e.kind()) {
          case TASK_GONE -> {
            activity.dropped.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, handler + ": result dropped, Step Functions no longer has the task ("
                + e.code() + ")");
            return;
          }
          case INVALID_OUTPUT -> current = current.failure != null ? current
              : new Outcome(null, new TaskFailure(ErrorNames.INVALID_OUTPUT, handler
                  + ": Step Functions refused the output: " + e.getMessage()));
          case RETRYABLE -> sleep(backoff(attempt));
          default -> {
            activity.unreported.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, handler + ": could not report the task (" + describe(e)
                + "); it will time out in Step Functions");
            return;
          }
        }
      } catch (RuntimeException e) {
        activity.apiErrors.incrementAndGet();
        sleep(backoff(attempt));
      }
    }
    activity.unreported.incrementAndGet();
    LOG.log(System.Logger.Level.ERROR, handler + ": could not report the task after " + attempts
        + " attempt(s); it will time out in Step Functions");
  }

  // Fails a task the process will not finish (drain timeout), if nobody reported it yet; one attempt, the process is ending.
  private void stopped(RunningTask task, String why) {
    if (!task.claim()) {
      return;
    }
    report(task, new Outcome(null, new TaskFailure(ErrorNames.WORKER_STOPPED, "worker " + options.workerName()
        + " stopped before " + task.activity.binding.handlerName() + " finished (" + why + ", drain timeout "
        + options.drainTimeout().toSeconds() + " s)")), 1);
  }

  // The shutdown sequence: wait for the polls, then the tasks; past the drain timeout, fail what is left.
  private void drain() {
    long deadline = System.nanoTime() + options.drainTimeout().toNanos();
    boolean polled = true;
    try {
      for (Thread t : pollThreads) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
        polled &= !t.isAlive();
      }
      boolean drained = false;
      if (polled) {
        executor.shutdown();
        drained = executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      if (!drained) {
        abandoned = true;
        int left = running.size();
        LOG.log(System.Logger.Level.WARNING, "drain timeout " + options.drainTimeout().toSeconds() + " s passed with "
            + left + " task(s) running" + (polled ? "" : " and polls in flight") + "; failing them as "
            + ErrorNames.WORKER_STOPPED);
        for (RunningTask task : List.copyOf(running.values())) {
          stopped(task, "still running at the drain timeout");
          Thread thread = task.thread;
          if (thread != null) {
            thread.interrupt();
          }
        }
        abandonQueued();
      }
    } catch (InterruptedException e) {
      abandoned = true;
      abandonQueued();
      Thread.currentThread().interrupt();
    } finally {
      finish();
    }
  }

  // Stops the executor; a task it had queued but not started is failed rather than forgotten.
  private void abandonQueued() {
    for (Runnable queued : executor.shutdownNow()) {
      if (queued instanceof TaskRun run) {
        stopped(run.task, "queued at the drain timeout");
        run.task.activity.capacity.release();
      }
    }
  }

  // Marks the poller terminated and stops the heartbeat scheduler.
  private void finish() {
    executor.shutdown();
    heartbeats.shutdownNow();
    synchronized (lifecycle) {
      state = State.TERMINATED;
    }
    terminated.countDown();
    LOG.log(System.Logger.Level.INFO, "worker " + options.workerName() + " stopped"
        + (abandoned ? " (drain timeout passed)" : ""));
  }

  // The pause before the next poll: growing with failures; the longest when retrying cannot help soon.
  private Duration pollPause(RuntimeException e, int failures) {
    if (e instanceof ActivityApiException api && api.kind() == ActivityApiException.Kind.REFUSED) {
      return options.backoffMax();
    }
    return backoff(failures);
  }

  // Exponential backoff with full jitter: uniform in [0, min(max, base * 2^attempt)].
  private Duration backoff(int attempt) {
    long base = options.backoffBase().toMillis();
    long cap = options.backoffMax().toMillis();
    long bound = Math.min(cap, base << Math.min(attempt, 30));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, bound) + 1));
  }

  // Waits for a pause or the stop signal; true when stopped.
  private boolean awaitStop(Duration pause) {
    try {
      return stopSignal.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  // Pauses between report attempts; an interrupt (drain timeout) ends the pause early.
  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof ActivityApiException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The executor's job for one task; it holds the task's permit until the report is sent. */
  private final class TaskRun implements Runnable {
    final RunningTask task;

    TaskRun(RunningTask task) {
      this.task = task;
    }

    @Override
    public void run() {
      try {
        ActivityPoller.this.run(task);
      } finally {
        task.activity.capacity.release();
      }
    }
  }

  /** A handler's result: output JSON text, or a failure. */
  private record Outcome(String output, TaskFailure failure) { }

  /** One served activity: its binding, permits and counters. */
  private static final class Activity {
    final Binding binding;
    final Semaphore capacity;
    final AtomicLong tasks = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong unreported = new AtomicLong();
    final AtomicLong heartbeats = new AtomicLong();
    final AtomicLong apiErrors = new AtomicLong();

    Activity(Binding binding) {
      this.binding = binding;
      this.capacity = new Semaphore(binding.maxConcurrent());
    }

    ActivityStats stats() {
      return new ActivityStats(binding.activityArn(), binding.handlerName(), tasks.get(), succeeded.get(), failed.get(),
          dropped.get(), unreported.get(), heartbeats.get(), apiErrors.get());
    }
  }

  /** A task between its arrival and its report; exactly one report is ever sent for it. */
  private static final class RunningTask {
    final Activity activity;
    final ActivityTask task;
    final AtomicBoolean reported = new AtomicBoolean();
    volatile boolean gone;
    volatile Thread thread;

    RunningTask(Activity activity, ActivityTask task) {
      this.activity = activity;
      this.task = task;
    }

    /** True for the one caller allowed to report the task; waits for a heartbeat being sent. */
    synchronized boolean claim() {
      return reported.compareAndSet(false, true);
    }
  }
}
