package io.datalakewlm.simulator.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.task.Resources;
import io.datalakewlm.asl.task.TaskCall;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.asl.time.Scheduler;
import io.datalakewlm.simulator.random.Seeds;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Emulated AWS Glue job runs with Glue's quotas and error names.
 *
 * <p>{@code StartJobRun} is checked in AWS's order: the API's rate quota (a token bucket →
 * {@code ThrottlingException}), the job's {@code MaxConcurrentRuns} and then the account's
 * concurrent job runs (→ {@code ConcurrentRunsExceededException}). An accepted run of a job with
 * a security configuration first associates the KMS key with its log group; when CloudWatch Logs
 * throttles that, the run goes FAILED at once with the throttling in its {@code ErrorMessage}
 * (StartJobRun itself succeeded). Otherwise the run holds its slots for a run time drawn from the
 * job's distribution (plus {@code perObject} × {@code --object-count}), then ends SUCCEEDED,
 * FAILED (with the job's failure probability, part-way through) or TIMEOUT.
 *
 * <p>Step Functions integrations, registered by {@link #register}:
 * <ul>
 *   <li>{@code arn:aws:states:::glue:startJobRun.sync}: refusals fail the task with
 *       {@code Glue.<Code>}; an accepted run is reported with {@code submitted({JobName, JobRunId})},
 *       then the task succeeds with the {@code JobRun} structure or fails with
 *       {@code States.TaskFailed} and that structure as text in the cause. When the task is
 *       cancelled (execution stopped, timeout, branch failed) Step Functions stops the run with
 *       {@code BatchStopJobRun} (part of the IAM policy it generates for .sync): so does this
 *       emulator, and the run ends STOPPED.</li>
 *   <li>{@code arn:aws:states:::glue:startJobRun}: answers {@code {JobName, JobRunId}} at once;
 *       the run goes on whatever the execution does.</li>
 *   <li>{@code arn:aws:states:::aws-sdk:glue:getJobRun}: {@code {JobRun: …}}.</li>
 * </ul>
 *
 * <p>Job run queuing: a request with {@code JobRunQueuingEnabled: true} that finds the job's
 * {@code MaxConcurrentRuns} or the account's concurrent runs full is accepted and its run waits in
 * state WAITING (with a {@code StateDetail} naming the quota) instead of being refused; throttling
 * still refuses it first. A waiting run holds no slot and costs nothing; it starts, KMS
 * association included, as soon as both a slot of its job and a slot of the account are free.
 * Assumptions where AWS documents nothing: waiting runs start first-in first-out across the
 * account, a run whose job is at its limit letting later runs of other jobs pass; a run still
 * waiting after {@code glueQueuedRunMaxWaitHours} ends FAILED; the job's {@code Timeout} counts
 * from RUNNING (AWS defines it as the time a run may consume resources). A {@code .sync} task
 * simply waits through WAITING; cancelling it stops the waiting run.
 *
 * <p>Simplifications: no STARTING delay and no DPU quota; a run that fails on the KMS association
 * costs nothing; the {@code .sync} task learns the end of the run at once rather than at Step
 * Functions' next poll.
 */
public final class GlueJobs {
  public static final String SYNC_RESOURCE = "arn:aws:states:::glue:startJobRun.sync";
  public static final String RESOURCE = "arn:aws:states:::glue:startJobRun";
  public static final String GET_JOB_RUN_RESOURCE = "arn:aws:states:::aws-sdk:glue:getJobRun";

  /** Metered API names. */
  public static final String START_JOB_RUN = "glue:StartJobRun";
  public static final String BATCH_STOP_JOB_RUN = "glue:BatchStopJobRun";
  public static final String GET_JOB_RUN = "glue:GetJobRun";

  /** Glue error codes. */
  public static final String THROTTLING = "ThrottlingException";
  public static final String CONCURRENT_RUNS_EXCEEDED = "ConcurrentRunsExceededException";
  public static final String ENTITY_NOT_FOUND = "EntityNotFoundException";
  public static final String INVALID_INPUT = "InvalidInputException";

  /** The gauge of the account-wide concurrent job runs, and the occupancy series of runs by tag. */
  public static final String ACCOUNT_GAUGE = "glue:account/concurrent-job-runs";
  public static final String RUNNING_SERIES = "glue.jobRuns";
  /** The gauge of queued runs in WAITING, made when the first run waits (no limit). */
  public static final String WAITING_GAUGE = "glue:queue/waiting-job-runs";

  /** The argument that carries the number of objects of the batch a run processes. */
  public static final String OBJECT_COUNT_ARGUMENT = "--object-count";

  private final Scheduler scheduler;
  private final ServiceMeter meter;
  private final AwsErrors errors;
  private final KmsAssociation kms;
  private final long seed;
  private final TokenBucket startJobRunBucket;
  private final Gauge account;
  private final Occupancy running;
  private final long queuedRunMaxWaitMillis;
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  // Jobs with a waiting run and a free slot of their own, by the queue position of their oldest waiting run.
  private final TreeMap<Long, Job> ready = new TreeMap<>();
  private Gauge waitingGauge;
  private long queued;
  private final Map<String, String> aliases = new LinkedHashMap<>();
  private final List<JobRunListener> listeners = new ArrayList<>();

  GlueJobs(Scheduler scheduler, ServiceMeter meter, AwsErrors errors, KmsAssociation kms, AwsQuotas quotas, long seed) {
    this.scheduler = scheduler;
    this.meter = meter;
    this.errors = errors;
    this.kms = kms;
    this.seed = seed;
    this.startJobRunBucket = quotas.startJobRun().newBucket(scheduler.nowMillis());
    this.account = meter.gauge(ACCOUNT_GAUGE, quotas.glueAccountConcurrentRuns());
    this.running = meter.occupancy(RUNNING_SERIES);
    this.queuedRunMaxWaitMillis = quotas.glueQueuedRunMaxWaitMillis();
  }

  /**
   * Makes {@code alias} another name of the job {@code name}, for callers that derive names by
   * their own convention (the dispatcher names a dataset's job {@code <prefix><team>-<dataset>}).
   */
  public void alias(String alias, String name) {
    if (!jobs.containsKey(name)) {
      throw new IllegalArgumentException("no job named " + name);
    }
    if (!alias.equals(name)) {
      aliases.put(alias, name);
    }
  }

  // The job's own name for a name or an alias of it.
  private String named(String name) {
    return aliases.getOrDefault(name, name);
  }

  /** Creates the job {@code definition.name()} ({@code CreateJob}); a name can be defined once. */
  public void define(GlueJobDefinition definition) {
    if (jobs.containsKey(definition.name())) {
      throw new IllegalArgumentException("job " + definition.name() + " is already defined");
    }
    jobs.put(definition.name(), new Job(definition,
        meter.gauge("glue:job/" + definition.name(), definition.maxConcurrentRuns()),
        Seeds.stream(seed, "glue-job", definition.name())));
  }

  public GlueJobDefinition definition(String jobName) {
    Job job = jobs.get(named(jobName));
    return job == null ? null : job.definition;
  }

  public void addListener(JobRunListener listener) {
    listeners.add(listener);
  }

  public TokenBucket startJobRunBucket() {
    return startJobRunBucket;
  }

  /** The account-wide concurrent job runs gauge (current, peak, limit). */
  public Gauge accountGauge() {
    return account;
  }

  /** Runs waiting in the queue now (state WAITING), all jobs together. */
  public int waiting() {
    return waitingGauge == null ? 0 : waitingGauge.current();
  }

  /** Runs of {@code jobName} running now. */
  public int running(String jobName) {
    Job job = jobs.get(named(jobName));
    return job == null ? 0 : job.gauge.current();
  }

  /** {@code StartJobRun} for a batch of {@code objects} objects. */
  public JobRun startJobRun(String jobName, int objects) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("JobName", jobName);
    request.putObject("Arguments").put(OBJECT_COUNT_ARGUMENT, Integer.toString(objects));
    return startJobRun(request);
  }

  /**
   * {@code StartJobRun} with a request as Step Functions passes it ({@code JobName},
   * {@code Arguments}, optional {@code Timeout}, {@code WorkerType}, {@code NumberOfWorkers},
   * {@code JobRunQueuingEnabled}). A queued request over the concurrency quotas answers a run in
   * WAITING.
   *
   * @throws StatesError {@code Glue.ThrottlingException}, {@code Glue.ConcurrentRunsExceededException},
   *     {@code Glue.EntityNotFoundException} or {@code Glue.InvalidInputException}
   */
  public JobRun startJobRun(JsonNode request) {
    String jobName = request.path("JobName").isTextual() ? request.path("JobName").asText() : null;
    if (jobName == null) {
      throw refuse(START_JOB_RUN, INVALID_INPUT, "1 validation error detected: Value null at 'jobName' failed to "
          + "satisfy constraint: Member must not be null");
    }
    Job job = jobs.get(named(jobName));
    if (job == null) {
      throw refuse(START_JOB_RUN, ENTITY_NOT_FOUND, "Failed to start job run due to missing metadata");
    }
    RunRequest parsed = parse(job.definition, request);
    long now = scheduler.nowMillis();
    if (!startJobRunBucket.tryAcquire(now)) {
      throw refuse(START_JOB_RUN, THROTTLING, "Rate exceeded");
    }
    if (parsed.queuing() && (job.gauge.isFull() || account.isFull() || !job.waiting.isEmpty() || !ready.isEmpty())) {
      meter.accepted(START_JOB_RUN);
      JobRun run = newRun(job, parsed, now);
      enqueue(job, run);
      return run;
    }
    if (job.gauge.isFull()) {
      throw refuse(START_JOB_RUN, CONCURRENT_RUNS_EXCEEDED, "Concurrent runs exceeded for " + jobName);
    }
    if (account.isFull()) {
      throw refuse(START_JOB_RUN, CONCURRENT_RUNS_EXCEEDED,
          "Exceeded maximum concurrent job runs for the account (" + account.limit() + ")");
    }
    meter.accepted(START_JOB_RUN);
    JobRun run = newRun(job, parsed, now);
    launch(job, run, now);
    return run;
  }

  // Associates the log group's KMS key (a throttled association fails the run), then begins it.
  private void launch(Job job, JobRun run, long now) {
    GlueJobDefinition definition = job.definition;
    if (definition.securityConfiguration() != null) {
      String refusal = kms.associate(definition.logGroup());
      if (refusal != null) {
        run.end(JobRunState.FAILED, now, refusal, 0);
        listeners.forEach(l -> l.ended(run));
        return;
      }
    }
    begin(job, run, now);
  }

  // Puts a queued run in WAITING behind every run queued before it, until a slot frees or it waits too long.
  private void enqueue(Job job, JobRun run) {
    run.waiting(job.gauge.isFull()
        ? "Max concurrent runs exceeded for job " + job.definition.name() + " (" + job.gauge.limit() + ")"
        : "Max concurrent job runs per account exceeded (" + account.limit() + ")");
    run.queuePosition = ++queued;
    job.waiting.addLast(run);
    if (waitingGauge == null) {
      waitingGauge = meter.gauge(WAITING_GAUGE, Integer.MAX_VALUE);
    }
    waitingGauge.acquire();
    refresh(job);
    String longest = Duration.ofMillis(queuedRunMaxWaitMillis).toString().substring(2).toLowerCase(Locale.ROOT);
    run.waitTimer = scheduler.after(queuedRunMaxWaitMillis, () -> leaveQueue(job, run, JobRunState.FAILED,
        "Job run waited for resources for " + longest + " and was not started"));
  }

  // Ends a run that is still WAITING (stopped, or waited too long): it held no slot and costs nothing.
  private void leaveQueue(Job job, JobRun run, JobRunState state, String error) {
    job.waiting.remove(run);
    waitingGauge.release();
    refresh(job);
    run.end(state, scheduler.nowMillis(), error, 0);
    listeners.forEach(l -> l.ended(run));
  }

  // Keeps a job in the ready set exactly when it has a waiting run and a free slot of its own.
  private void refresh(Job job) {
    if (job.readyAt >= 0) {
      ready.remove(job.readyAt);
      job.readyAt = -1;
    }
    if (!job.waiting.isEmpty() && !job.gauge.isFull()) {
      job.readyAt = job.waiting.peekFirst().queuePosition;
      ready.put(job.readyAt, job);
    }
  }

  // Starts waiting runs, oldest first, while the account has a free slot.
  private void startWaiting(long now) {
    while (!account.isFull() && !ready.isEmpty()) {
      Job job = ready.firstEntry().getValue();
      JobRun run = job.waiting.pollFirst();
      waitingGauge.release();
      launch(job, run, now);
      refresh(job);
    }
  }

  /**
   * {@code BatchStopJobRun} for one run: a running run ends STOPPED now (billed up to now), a
   * waiting one leaves the queue STOPPED (billed nothing).
   *
   * @return whether the run was running or waiting
   */
  public boolean batchStopJobRun(String jobName, String runId) {
    meter.accepted(BATCH_STOP_JOB_RUN);
    Job job = jobs.get(named(jobName));
    JobRun run = job == null ? null : job.runs.get(runId);
    if (run == null || run.isTerminal()) {
      return false;
    }
    if (run.state() == JobRunState.WAITING) {
      leaveQueue(job, run, JobRunState.STOPPED, null);
    } else {
      finish(job, run, JobRunState.STOPPED, scheduler.nowMillis(), null);
    }
    return true;
  }

  /**
   * {@code GetJobRun}.
   *
   * @throws StatesError {@code Glue.EntityNotFoundException} for an unknown job or run
   */
  public JobRun getJobRun(String jobName, String runId) {
    Job job = jobs.get(named(jobName));
    JobRun run = job == null ? null : job.runs.get(runId);
    if (run == null) {
      throw refuse(GET_JOB_RUN, ENTITY_NOT_FOUND, "Job Run Id " + runId + " not found for job " + jobName);
    }
    meter.accepted(GET_JOB_RUN);
    return run;
  }

  /** The handler of {@code glue:startJobRun.sync}. */
  public TaskHandler syncHandler() {
    return this::runSync;
  }

  /** The handler of {@code glue:startJobRun} (request-response). */
  public TaskHandler requestResponseHandler() {
    return TaskHandler.sync(input -> submittedOutput(startJobRun(input)));
  }

  /** The handler of {@code aws-sdk:glue:getJobRun}. */
  public TaskHandler getJobRunHandler() {
    return TaskHandler.sync(input -> {
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.set("JobRun", getJobRun(input.path("JobName").asText(), input.path("RunId").asText()).toJson());
      return output;
    });
  }

  /** Registers the three Step Functions resources. */
  public void register(Resources resources) {
    resources.register(SYNC_RESOURCE, syncHandler());
    resources.register(RESOURCE, requestResponseHandler());
    resources.register(GET_JOB_RUN_RESOURCE, getJobRunHandler());
  }

  // The .sync pattern: start, report the submission, answer when the run ends, stop it on cancel.
  private void runSync(TaskCall call) {
    JobRun run;
    try {
      run = startJobRun(call.input());
    } catch (StatesError e) {
      call.fail(e.error(), e.cause());
      return;
    }
    call.submitted(submittedOutput(run));
    call.onCancel(() -> batchStopJobRun(run.jobName(), run.id()));
    run.onEnd(ended -> {
      if (!call.isOpen()) {
        return;
      }
      if (ended.state() == JobRunState.SUCCEEDED) {
        call.succeed(ended.toJson());
      } else {
        call.fail("States.TaskFailed", ended.toJson().toString());
      }
    });
  }

  private static ObjectNode submittedOutput(JobRun run) {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("JobName", run.jobName());
    output.put("JobRunId", run.id());
    return output;
  }

  /** The parts of a StartJobRun request that shape the run. */
  private record RunRequest(JsonNode arguments, int objects, WorkerType workerType, int workers, int timeoutMinutes,
      boolean queuing) {}

  // Validates the request and applies its overrides of capacity and timeout, as StartJobRun does.
  private RunRequest parse(GlueJobDefinition definition, JsonNode request) {
    JsonNode arguments = request.path("Arguments");
    int objects = objectCount(arguments);
    WorkerType workerType = definition.workerType();
    if (request.hasNonNull("WorkerType")) {
      try {
        workerType = WorkerType.of(request.path("WorkerType").asText());
      } catch (IllegalArgumentException e) {
        throw refuse(START_JOB_RUN, INVALID_INPUT, e.getMessage());
      }
    }
    int workers = positiveInt(request, "NumberOfWorkers", definition.numberOfWorkers());
    int timeoutMinutes = positiveInt(request, "Timeout", (int) definition.timeout().toMinutes());
    JsonNode queuing = request.path("JobRunQueuingEnabled");
    if (!queuing.isMissingNode() && !queuing.isNull() && !queuing.isBoolean()) {
      throw refuse(START_JOB_RUN, INVALID_INPUT, "JobRunQueuingEnabled must be true or false, got " + queuing);
    }
    return new RunRequest(arguments.isObject() ? arguments : null, objects, workerType, workers, timeoutMinutes,
        queuing.asBoolean(false));
  }

  // An optional positive integer field of the request.
  private int positiveInt(JsonNode request, String field, int fallback) {
    JsonNode value = request.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
      throw refuse(START_JOB_RUN, INVALID_INPUT, field + " must be a positive integer, got " + value);
    }
    return value.intValue();
  }

  // Creates the run record with a reproducible job run id.
  private JobRun newRun(Job job, RunRequest request, long now) {
    GlueJobDefinition definition = job.definition;
    long sequence = ++job.started;
    SplittableRandom idRandom = Seeds.stream(seed, "job-run-id", definition.name(), Long.toString(sequence));
    StringBuilder id = new StringBuilder("jr_");
    for (int i = 0; i < 4; i++) {
      id.append(String.format("%016x", idRandom.nextLong()));
    }
    JobRun run = new JobRun(id.toString(), definition, request.arguments(), request.objects(), request.workerType(),
        request.workers(), request.timeoutMinutes(), request.queuing(), now);
    job.runs.put(run.id(), run);
    return run;
  }

  // Takes the slots, draws how the run goes and schedules its end.
  private void begin(Job job, JobRun run, long now) {
    job.gauge.acquire();
    account.acquire();
    running.add(run.tag(), 1, now);
    run.running(now);
    GlueJobDefinition definition = job.definition;
    long runMillis = definition.runTime().drawMillis(job.random) + definition.perObject().toMillis() * run.objects();
    boolean fails = job.random.nextDouble() < definition.failureProbability();
    double failAt = job.random.nextDouble();
    long timeoutMillis = run.timeoutMinutes() * 60_000L;
    JobRunState end = JobRunState.SUCCEEDED;
    String error = null;
    if (fails) {
      runMillis = Math.round(runMillis * failAt);
      end = JobRunState.FAILED;
      error = "An error occurred while calling o94.pyWriteDynamicFrame. Job failed (simulated failure).";
    }
    if (runMillis > timeoutMillis) {
      runMillis = timeoutMillis;
      end = JobRunState.TIMEOUT;
      error = "Job run timed out after " + (timeoutMillis / 60_000) + " minutes";
    }
    JobRunState terminal = end;
    String message = error;
    run.endTimer = scheduler.after(runMillis, () -> finish(job, run, terminal, scheduler.nowMillis(), message));
    listeners.forEach(l -> l.started(run));
  }

  // Releases the slots (waiting runs take them before anyone else can), bills the run and tells the listeners.
  private void finish(Job job, JobRun run, JobRunState state, long now, String error) {
    job.gauge.release();
    account.release();
    running.add(run.tag(), -1, now);
    refresh(job);
    startWaiting(now);
    long billed = Prices.billedSeconds(now - run.startedOnMillis(), job.definition.minimumBilledSeconds());
    meter.add(CostUnit.GLUE_JOB_DPU_SECONDS, billed * run.dpu());
    run.end(state, now, error, billed);
    listeners.forEach(l -> l.ended(run));
  }

  /**
   * Bills every run still RUNNING for its time up to {@code nowMillis} (the horizon): without it
   * a run cut off by the horizon would cost nothing. The runs are left running; the meter counts
   * them for the report's flag.
   *
   * @return how many runs were billed
   */
  public int billRunning(long nowMillis) {
    int billed = 0;
    for (Job job : jobs.values()) {
      for (JobRun run : job.runs.values()) {
        if (run.state() == JobRunState.RUNNING) {
          long seconds = Prices.billedSeconds(nowMillis - run.startedOnMillis(), job.definition.minimumBilledSeconds());
          meter.add(CostUnit.GLUE_JOB_DPU_SECONDS, seconds * run.dpu());
          billed++;
        }
      }
    }
    meter.billedAtEnd(billed);
    return billed;
  }

  // Reads --object-count (a string, as Glue arguments are, or a number); 1 when absent.
  private int objectCount(JsonNode arguments) {
    JsonNode value = arguments.path(OBJECT_COUNT_ARGUMENT);
    if (value.isMissingNode() || value.isNull()) {
      return 1;
    }
    try {
      int count = value.isNumber() ? value.intValue() : Integer.parseInt(value.asText().trim());
      if (count >= 1) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw refuse(START_JOB_RUN, INVALID_INPUT, "Argument " + OBJECT_COUNT_ARGUMENT
        + " must be a positive integer, got " + value);
  }

  private StatesError refuse(String api, String code, String message) {
    meter.refused(api, code);
    return errors.error("Glue", "AWSGlue", code, message);
  }

  /** A defined job and its runs. */
  private static final class Job {
    final GlueJobDefinition definition;
    final Gauge gauge;
    final SplittableRandom random;
    final Map<String, JobRun> runs = new LinkedHashMap<>();
    final ArrayDeque<JobRun> waiting = new ArrayDeque<>();
    long started;
    long readyAt = -1;

    Job(GlueJobDefinition definition, Gauge gauge, SplittableRandom random) {
      this.definition = definition;
      this.gauge = gauge;
      this.random = random;
    }
  }
}
