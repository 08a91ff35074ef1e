package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.history.EventType;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.storage.Buckets;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.asl.task.TaskResolver;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.asl.time.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The local Step Functions runtime: runs executions of parsed state machines on one
 * {@link Scheduler}, calling local {@link io.datalakewlm.asl.task.TaskHandler}s for Task states.
 *
 * <p>Many executions share the scheduler and its clock, so thousands can be open at once at the
 * cost of memory, not threads. With a virtual scheduler a run is deterministic for a seed: every
 * execution draws its own random stream (jitter, {@code States.MathRandom}, {@code States.UUID},
 * task tokens) from the runtime's seed in start order.
 *
 * <p>Executions are Standard workflows and keep to Step Functions' hard quota of
 * {@value #HISTORY_LIMIT} history events ({@link Builder#historyLimit}); Express child executions
 * of a Distributed Map have no history quota.
 *
 * <p>Methods that start or stop executions must run on the scheduler's loop (or before it runs);
 * from another thread, wrap the call in {@code scheduler().post(…)}.
 */
public final class StatesRuntime {
  /** Step Functions' hard quota of events in a Standard execution's history. */
  public static final int HISTORY_LIMIT = 25_000;

  private final Scheduler scheduler;
  private final TaskResolver resolver;
  private final SplittableRandom seedRandom;
  private final boolean recordHistory;
  private final boolean retainFinished;
  private final int historyLimit;
  private final String region;
  private final String account;
  private final String roleArn;
  private final Buckets buckets;
  private final Map<String, Execution> executions = new LinkedHashMap<>();
  private final Map<String, TaskCall> openTasks = new HashMap<>();
  private final Map<String, MapRun> mapRuns = new HashMap<>();
  private final Map<String, List<MapRun>> mapRunsByExecution = new HashMap<>();
  private final List<ExecutionListener> listeners = new ArrayList<>();

  private StatesRuntime(Builder builder) {
    this.scheduler = builder.scheduler != null ? builder.scheduler : Scheduler.virtual(builder.start);
    this.resolver = builder.resolver;
    this.seedRandom = new SplittableRandom(builder.seed);
    this.recordHistory = builder.recordHistory;
    this.retainFinished = builder.retainFinished;
    this.historyLimit = builder.historyLimit;
    this.region = builder.region;
    this.account = builder.account;
    this.roleArn = "arn:aws:iam::" + builder.account + ":role/StatesExecutionRole";
    this.buckets = builder.buckets;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public TaskResolver resolver() {
    return resolver;
  }

  public String region() {
    return region;
  }

  public String account() {
    return account;
  }

  /** The S3 that ItemReaders read and ResultWriters write, or {@code null} when the runtime has none. */
  public Buckets buckets() {
    return buckets;
  }

  boolean recordsHistory() {
    return recordHistory;
  }

  /** The most events a Standard execution's history holds before the execution fails. */
  public int historyLimit() {
    return historyLimit;
  }

  public void addListener(ExecutionListener listener) {
    listeners.add(listener);
  }

  /** The ARN a state machine of this name has in this runtime's region and account. */
  public String stateMachineArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }

  /**
   * Starts an execution as the runtime's default role ({@code role/StatesExecutionRole} of the
   * account); it runs as the scheduler advances.
   *
   * @param name the execution name, or {@code null} for a generated one
   */
  public Execution start(StateMachine machine, String stateMachineArn, String name, JsonNode input) {
    return start(machine, stateMachineArn, name, input, null);
  }

  /**
   * Starts an execution as {@code roleArn} (the state machine's role), or the default role when
   * it is {@code null}.
   */
  public Execution start(StateMachine machine, String stateMachineArn, String name, JsonNode input, String roleArn) {
    String executionName = name != null ? name : uuid(seedRandom);
    String arn = "arn:aws:states:" + region + ":" + account + ":execution:" + Engine.nameOf(stateMachineArn) + ":" + executionName;
    return launch(machine, stateMachineArn, arn, executionName, input, null, null, roleArn != null ? roleArn : this.roleArn,
        null, historyLimit);
  }

  /** Starts an execution of {@code machine} under the name {@code "StateMachine"}. */
  public Execution start(StateMachine machine, JsonNode input) {
    return start(machine, stateMachineArn("StateMachine"), null, input);
  }

  /** Starts an execution and, on a virtual clock, runs the scheduler until nothing is left. */
  public Execution run(StateMachine machine, JsonNode input) {
    Execution execution = start(machine, input);
    scheduler.run();
    return execution;
  }

  /**
   * A Distributed Map's child execution: its own history (and history quota, unless it is an
   * Express execution), reported back through {@code done}.
   */
  Execution startChild(StateMachine machine, String stateMachineArn, String arn, String name, JsonNode input,
      Execution parent, boolean express, String mapRunArn, Consumer<Execution> done) {
    return launch(machine, stateMachineArn, arn, name, input, parent.arn(), mapRunArn, parent.roleArn(), done,
        express ? 0 : historyLimit);
  }

  /** The map run of {@code arn}, or {@code null} (also when the runtime drops finished executions). */
  public MapRun mapRun(String arn) {
    return mapRuns.get(arn);
  }

  /** The map runs the Distributed Map states of an execution started, oldest first. */
  public List<MapRun> mapRuns(String executionArn) {
    return Collections.unmodifiableList(mapRunsByExecution.getOrDefault(executionArn, List.of()));
  }

  /** Keeps a new map run for lookups, unless the runtime forgets finished executions. */
  void register(MapRun mapRun) {
    if (retainFinished) {
      mapRuns.put(mapRun.arn(), mapRun);
      mapRunsByExecution.computeIfAbsent(mapRun.executionArn(), arn -> new ArrayList<>()).add(mapRun);
    }
  }

  public Execution execution(String arn) {
    return executions.get(arn);
  }

  /** Executions started and, unless the runtime drops finished ones, finished; oldest first. */
  public Collection<Execution> executions() {
    return Collections.unmodifiableCollection(executions.values());
  }

  /** The open task attempt holding {@code taskToken}, for SendTaskSuccess and friends; or null. */
  public TaskCall task(String taskToken) {
    return openTasks.get(taskToken);
  }

  void openTask(TaskCall call) {
    openTasks.put(call.taskToken(), call);
  }

  void closeTask(TaskCall call) {
    openTasks.remove(call.taskToken());
  }

  void publish(Execution execution, HistoryEvent event) {
    for (ExecutionListener listener : listeners) {
      listener.onEvent(execution, event);
    }
  }

  String newTaskToken(SplittableRandom random) {
    return uuid(random) + uuid(random).replace("-", "");
  }

  static String uuid(SplittableRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  private Execution launch(StateMachine machine, String stateMachineArn, String arn, String name, JsonNode input,
      String parentArn, String mapRunArn, String executionRole, Consumer<Execution> done, int limit) {
    Objects.requireNonNull(machine, "machine");
    JsonNode executionInput = input == null ? Engine.JSON.objectNode() : input;
    Execution execution = new Execution(arn, name, stateMachineArn, machine, executionInput, scheduler.nowMillis(), parentArn,
        mapRunArn, executionRole);
    executions.put(arn, execution);
    Engine engine = new Engine(this, execution, seedRandom.split(), limit);
    Timer[] timeout = {Timer.NONE};
    Flow[] top = new Flow[1];
    Consumer<Outcome> finish = outcome -> {
      timeout[0].cancel();
      // As in AWS histories, the closing event of a flow that ended by itself points at the
      // flow's last event; an abort or a timeout comes from outside the flow (previousEventId 0).
      long previous = top[0].lastEventId;
      if (outcome.failed()) {
        engine.record(EventType.ExecutionFailed, previous,
            engine.details() ? Details.errorAndCause(outcome.error(), outcome.cause()) : null);
        finish(execution, ExecutionStatus.FAILED, null, outcome.error(), outcome.cause(), done);
      } else {
        engine.record(EventType.ExecutionSucceeded, previous,
            engine.details() ? Details.payload(Engine.JSON.objectNode(), "output", outcome.output()) : null);
        finish(execution, ExecutionStatus.SUCCEEDED, outcome.output(), null, null, done);
      }
    };
    long startedId = engine.record(EventType.ExecutionStarted, 0, engine.details() ? startedDetails(execution) : null);
    top[0] = new Flow(engine, machine, startedId, finish);
    engine.onHistoryFull(() -> {
      // AWS's guide ("Avoid reaching the history quota"): when event 24,999 is in the history and
      // the next is not ExecutionSucceeded, event 25,000 is ExecutionFailed. The guide names no
      // error; States.Runtime and the cause are what AWS executions report. Assumption: work in
      // flight stops without abort events (they would not fit).
      timeout[0].cancel();
      top[0].cancel(false);
      String cause = historyFullCause(limit);
      engine.record(EventType.ExecutionFailed, 0,
          engine.details() ? Details.errorAndCause(io.datalakewlm.asl.ErrorNames.RUNTIME, cause) : null);
      finish(execution, ExecutionStatus.FAILED, null, io.datalakewlm.asl.ErrorNames.RUNTIME, cause, done);
    });
    execution.onStop((error, cause) -> {
      timeout[0].cancel();
      engine.closing();
      top[0].cancel(true);
      engine.record(EventType.ExecutionAborted, 0, engine.details() ? Details.errorAndCause(error, cause) : null);
      finish(execution, ExecutionStatus.ABORTED, null, error, cause, done);
    });
    execution.onRedrive(() -> {
      // The new flow keeps the execution's variables and resumes where the last one ended; the
      // ExecutionRedriven event follows the closing event.
      if (engine.historyFull()) {
        return false;
      }
      Flow ended = top[0];
      execution.reopen(scheduler.nowMillis());
      engine.reopen();
      ObjectNode details = Engine.JSON.objectNode().put("redriveCount", execution.redriveCount());
      long redrivenId = engine.record(EventType.ExecutionRedriven, execution.eventCount(), engine.details() ? details : null);
      top[0] = new Flow(engine, machine, redrivenId, ended.variables(), finish);
      timeout[0] = timeout(machine, engine, top, execution, done);
      top[0].resume(ended);
      return true;
    });
    timeout[0] = timeout(machine, engine, top, execution, done);
    top[0].start(executionInput);
    return execution;
  }

  /**
   * The execution's TimeoutSeconds timer, or none. A redrive gets the whole TimeoutSeconds again:
   * AWS resets the state machine's timeout on a redrive ("Redriving executions"; its one-year
   * limit still counts from the first start).
   */
  private Timer timeout(StateMachine machine, Engine engine, Flow[] top, Execution execution, Consumer<Execution> done) {
    if (machine.timeoutSeconds() == null) {
      return Timer.NONE;
    }
    return scheduler.after(machine.timeoutSeconds() * 1000L, () -> {
      engine.closing();
      top[0].cancel(true);
      String cause = "The execution ran longer than its TimeoutSeconds (" + machine.timeoutSeconds() + " s)";
      engine.record(EventType.ExecutionTimedOut, 0,
          engine.details() ? Details.errorAndCause(io.datalakewlm.asl.ErrorNames.TIMEOUT, cause) : null);
      finish(execution, ExecutionStatus.TIMED_OUT, null, io.datalakewlm.asl.ErrorNames.TIMEOUT, cause, done);
    });
  }

  /** The cause AWS gives an execution that filled its history. */
  public static String historyFullCause(int limit) {
    return "The execution reached the maximum number of history events (" + limit + ").";
  }

  private ObjectNode startedDetails(Execution execution) {
    ObjectNode details = Details.payload(Engine.JSON.objectNode(), "input", execution.input());
    details.put("roleArn", execution.roleArn());
    return details;
  }

  private void finish(Execution execution, ExecutionStatus status, JsonNode output, String error, String cause,
      Consumer<Execution> done) {
    execution.finish(status, output, error, cause, scheduler.nowMillis());
    if (!retainFinished) {
      executions.remove(execution.arn());
    }
    for (ExecutionListener listener : listeners) {
      listener.onFinished(execution);
    }
    if (done != null) {
      done.accept(execution);
    }
  }

  /** Options of a runtime; every one has a default that suits tests. */
  public static final class Builder {
    private Scheduler scheduler;
    private Instant start = Instant.parse("2025-01-01T00:00:00Z");
    private TaskResolver resolver = TaskResolver.NONE;
    private long seed = 1;
    private boolean recordHistory = true;
    private boolean retainFinished = true;
    private int historyLimit = HISTORY_LIMIT;
    private String region = "us-east-1";
    private String account = "123456789012";
    private Buckets buckets;

    /** The scheduler to share (default: a new virtual one starting at {@link #start}). */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Where a default virtual clock starts (default 2025-01-01T00:00:00Z). */
    public Builder start(Instant start) {
      this.start = start;
      return this;
    }

    public Builder resolver(TaskResolver resolver) {
      this.resolver = resolver;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Whether executions keep their history (default true; large simulations turn it off). */
    public Builder recordHistory(boolean recordHistory) {
      this.recordHistory = recordHistory;
      return this;
    }

    /** Whether finished executions stay listed (default true; long simulations turn it off). */
    public Builder retainFinished(boolean retainFinished) {
      this.retainFinished = retainFinished;
      return this;
    }

    /**
     * The most events a Standard execution's history may hold (default {@value StatesRuntime#HISTORY_LIMIT},
     * AWS's hard quota; tests set less). The event that would be number {@code limit} is recorded
     * only if it is the one ending the execution; any other fails the execution instead, with
     * {@code States.Runtime} and AWS's cause, as event number {@code limit}. Counted whether or
     * not history is recorded. At least 2 (the started event and the failure).
     */
    public Builder historyLimit(int limit) {
      if (limit < 2) {
        throw new IllegalArgumentException("the history limit must be at least 2 events, got " + limit);
      }
      this.historyLimit = limit;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    /**
     * The S3 that Distributed Maps' ItemReaders read and ResultWriters write (default none: a run
     * reaching either fails with {@code States.Runtime} and a cause saying what to give).
     */
    public Builder buckets(Buckets buckets) {
      this.buckets = buckets;
      return this;
    }

    public StatesRuntime build() {
      return new StatesRuntime(this);
    }
  }
}
