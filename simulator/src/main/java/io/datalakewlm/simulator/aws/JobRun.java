package io.datalakewlm.simulator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.time.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run of a Glue job in the emulated account, from {@code StartJobRun} to a terminal state.
 * {@link #toJson()} is the {@code JobRun} structure of {@code GetJobRun}, which is also what a
 * {@code glue:startJobRun.sync} task returns (and, as text, the cause when the run failed).
 * Times are epoch milliseconds, as Step Functions renders the Glue dates.
 *
 * <p>A run started with {@code JobRunQueuingEnabled} over the concurrency quotas is WAITING
 * first: {@link #submittedOnMillis()} is its {@code StartJobRun}, {@link #startedOnMillis()} the
 * moment it left WAITING and began RUNNING (the two are equal for a run that did not wait). Its
 * {@code StartedOn} is the submission and its {@code ExecutionTime} counts only the time it ran,
 * which is also what is billed.
 */
public final class JobRun {
  private final String id;
  private final GlueJobDefinition job;
  private final JsonNode arguments;
  private final int objects;
  private final double dpu;
  private final int timeoutMinutes;
  private final WorkerType workerType;
  private final int numberOfWorkers;
  private final long submittedOnMillis;
  private final boolean queuingEnabled;
  private final List<Consumer<JobRun>> onEnd = new ArrayList<>(1);
  private long startedOnMillis;
  private boolean ran;
  private String stateDetail;
  private JobRunState state = JobRunState.STARTING;
  private long completedOnMillis = -1;
  private String errorMessage;
  private long billedSeconds;
  Timer endTimer = Timer.NONE;
  Timer waitTimer = Timer.NONE;
  long queuePosition;

  JobRun(String id, GlueJobDefinition job, JsonNode arguments, int objects, WorkerType workerType,
      int numberOfWorkers, int timeoutMinutes, boolean queuingEnabled, long submittedOnMillis) {
    this.id = id;
    this.job = job;
    this.arguments = arguments;
    this.objects = objects;
    this.workerType = workerType;
    this.numberOfWorkers = numberOfWorkers;
    this.dpu = workerType.dpu() * numberOfWorkers;
    this.timeoutMinutes = timeoutMinutes;
    this.queuingEnabled = queuingEnabled;
    this.submittedOnMillis = submittedOnMillis;
    this.startedOnMillis = submittedOnMillis;
  }

  public String id() {
    return id;
  }

  public String jobName() {
    return job.name();
  }

  public GlueJobDefinition job() {
    return job;
  }

  /** The job's tag (for example the source), for charts per tag. */
  public String tag() {
    return job.tag();
  }

  public JobRunState state() {
    return state;
  }

  /** Objects in the batch this run processes (its {@code --object-count} argument, default 1). */
  /** The run's {@code Arguments} as StartJobRun received them, or {@code null}. */
  public JsonNode arguments() {
    return arguments;
  }

  public int objects() {
    return objects;
  }

  public double dpu() {
    return dpu;
  }

  /** The run's timeout in minutes (the job's, or the StartJobRun request's). */
  public int timeoutMinutes() {
    return timeoutMinutes;
  }

  /** When {@code StartJobRun} accepted the run. */
  public long submittedOnMillis() {
    return submittedOnMillis;
  }

  /** When the run began RUNNING (its submission until then, and for a run that never ran). */
  public long startedOnMillis() {
    return startedOnMillis;
  }

  /** Whether the request asked for job run queuing ({@code JobRunQueuingEnabled}). */
  public boolean queuingEnabled() {
    return queuingEnabled;
  }

  /** Why the run is WAITING ({@code StateDetail}), or {@code null}. */
  public String stateDetail() {
    return stateDetail;
  }

  /** When the run ended, or -1 while it runs. */
  public long completedOnMillis() {
    return completedOnMillis;
  }

  public String errorMessage() {
    return errorMessage;
  }

  /** Seconds billed for this run (0 until it ends, and for runs that failed before starting). */
  public long billedSeconds() {
    return billedSeconds;
  }

  public boolean isTerminal() {
    return state.isTerminal();
  }

  /** Runs {@code action} when the run reaches a terminal state (at once if it has). */
  public void onEnd(Consumer<JobRun> action) {
    if (state.isTerminal()) {
      action.accept(this);
    } else {
      onEnd.add(action);
    }
  }

  /** The {@code JobRun} structure of {@code GetJobRun}. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("Id", id);
    node.put("Attempt", 0);
    node.put("JobName", job.name());
    node.put("JobMode", "SCRIPT");
    node.put("StartedOn", submittedOnMillis);
    node.put("LastModifiedOn", completedOnMillis >= 0 ? completedOnMillis : startedOnMillis);
    if (completedOnMillis >= 0) {
      node.put("CompletedOn", completedOnMillis);
    }
    node.put("JobRunState", state.name());
    if (stateDetail != null) {
      node.put("StateDetail", stateDetail);
    }
    if (queuingEnabled) {
      node.put("JobRunQueuingEnabled", true);
    }
    if (arguments != null && arguments.isObject() && !arguments.isEmpty()) {
      node.set("Arguments", arguments.deepCopy());
    }
    if (errorMessage != null) {
      node.put("ErrorMessage", errorMessage);
    }
    node.putArray("PredecessorRuns");
    node.put("AllocatedCapacity", (int) Math.round(dpu));
    node.put("ExecutionTime", ran && completedOnMillis >= 0 ? (completedOnMillis - startedOnMillis) / 1000 : 0);
    node.put("Timeout", timeoutMinutes);
    node.put("MaxCapacity", dpu);
    node.put("WorkerType", workerType.awsName());
    node.put("NumberOfWorkers", numberOfWorkers);
    if (job.securityConfiguration() != null) {
      node.put("SecurityConfiguration", job.securityConfiguration());
    }
    node.put("LogGroupName", job.logGroup());
    node.put("GlueVersion", job.glueVersion());
    return node;
  }

  // Queued over a quota; detail says which, as StateDetail does.
  void waiting(String detail) {
    state = JobRunState.WAITING;
    stateDetail = detail;
  }

  // Begins running at atMillis, leaving WAITING if it waited.
  void running(long atMillis) {
    state = JobRunState.RUNNING;
    startedOnMillis = atMillis;
    ran = true;
    stateDetail = null;
    waitTimer.cancel();
  }

  // Moves to a terminal state and tells whoever waits; the caller has done the accounting.
  void end(JobRunState terminal, long atMillis, String error, long billed) {
    state = terminal;
    completedOnMillis = atMillis;
    errorMessage = error;
    billedSeconds = billed;
    stateDetail = null;
    endTimer.cancel();
    waitTimer.cancel();
    List<Consumer<JobRun>> waiting = List.copyOf(onEnd);
    onEnd.clear();
    waiting.forEach(action -> action.accept(this));
  }
}
