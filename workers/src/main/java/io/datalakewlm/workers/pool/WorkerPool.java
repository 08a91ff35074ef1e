package io.datalakewlm.workers.pool;

import io.datalakewlm.workers.queue.BatchSelector;
import io.datalakewlm.workers.semaphore.CountingSemaphore;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.semaphore.Semaphores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pool of workers: one slot of the account pool semaphore ({@code glue-account}, its limit
 * the Glue job runs the account may run at once) per worker execution, held for the worker's
 * whole life, so the Glue runs in flight never exceed the pool whatever the workers do. A worker
 * runs one batch at a time and takes the next as soon as its job ended, so a freed Glue run is
 * refilled at once, without any round.
 *
 * <ul>
 *   <li>{@link #plan}: the dispatcher asks how many workers to start now: as many as there are
 *       batches ready to run (datasets with queued work and a free job slot) beyond the workers
 *       still starting, no more than the free slots. Their slots are reserved for them in one
 *       write, under execution names chosen here, so a second look before they run does not
 *       start them again; a worker claims its reserved slot when it starts (an acquire by the
 *       same holder), and an unclaimed reservation expires after {@code reserveFor}.</li>
 *   <li>{@link #shrink}: Glue refused a start with ConcurrentRunsExceededException because other
 *       tools hold runs: the pool's ceiling goes one below what it was and the worker gives its
 *       slot back, so the pool no longer offers capacity that is not there.</li>
 *   <li>The ceiling grows back by one per {@code recovery} without a refusal (checked at each
 *       plan), until it is the limit again.</li>
 * </ul>
 */
public final class WorkerPool {

  /** The holder name every worker uses for its slot: {@code <executionArn>#worker}. */
  public static final String HOLDER = "worker";

  /**
   * The pool's settings, from the dispatcher's input.
   *
   * @param resource the pool semaphore
   * @param limit its limit, defining it if it does not exist (and changing it when it differs)
   * @param reserveFor how long a reserved slot waits for its worker
   * @param recovery how long without a refusal before a shrunk ceiling grows by one
   */
  public record Settings(String resource, int limit, Duration reserveFor, Duration recovery) {
    public Settings {
      Objects.requireNonNull(resource);
      Objects.requireNonNull(reserveFor);
      Objects.requireNonNull(recovery);
    }
  }

  /**
   * What the dispatcher should start.
   *
   * @param names execution names of the workers to start, their slots reserved
   * @param ready batches ready to run now
   * @param free slots free before the reservation
   * @param starting workers reserved before and not yet running
   */
  public record Plan(List<String> names, int ready, int free, int starting) { }

  private final Semaphores semaphores;
  private final BatchSelector selector;
  private final Clock clock;

  public WorkerPool(Semaphores semaphores, BatchSelector selector, Clock clock) {
    this.semaphores = Objects.requireNonNull(semaphores);
    this.selector = Objects.requireNonNull(selector);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Plans the workers to start for a stage.
   *
   * @param workerMachineArn the worker state machine, whose execution ARNs hold the slots
   * @param namePrefix names the workers {@code <prefix>-<n>}: the same prefix gives the same
   *     names, so a retried plan reserves nothing twice
   * @param maxWorkers at most this many at once
   */
  public Plan plan(Settings settings, String stage, int jobSlots, Duration maxBatchWait, String workerMachineArn,
                   String namePrefix, int maxWorkers) {
    CountingSemaphore pool = semaphores.semaphoreOf(settings.resource());
    Optional<SemaphoreState> read = pool.state();
    if (read.isEmpty() || !Integer.valueOf(settings.limit()).equals(read.get().limit())) {
      semaphores.define(settings.resource(), settings.limit()); // first use, or the template changed
      read = pool.state();
    }
    if (read.get().ceiling() != null && pool.grow(settings.recovery())) {
      read = pool.state();
    }
    SemaphoreState state = read.orElseThrow();
    Instant now = clock.instant();
    Instant reservedBefore = now.plus(settings.reserveFor()).plusSeconds(1);
    int live = 0;
    int starting = 0;
    for (Instant expiry : state.holders().values()) {
      if (expiry.isAfter(now)) {
        live++;
        starting += expiry.isBefore(reservedBefore) ? 1 : 0;
      }
    }
    Integer limit = state.effectiveLimit();
    int free = Math.max(0, (limit == null ? settings.limit() : limit) - live);
    if (free == 0) {
      return new Plan(List.of(), 0, 0, starting);
    }
    int ready = selector.readyBatches(stage, jobSlots, maxBatchWait);
    int wanted = Math.min(Math.min(free, maxWorkers), ready - starting);
    if (wanted <= 0) {
      return new Plan(List.of(), ready, free, starting);
    }
    List<String> names = new ArrayList<>();
    List<String> holders = new ArrayList<>();
    for (int i = 1; i <= wanted; i++) {
      String name = namePrefix + "-" + i;
      names.add(name);
      holders.add(holderOf(workerMachineArn, name));
    }
    List<String> reserved = pool.reserve(holders, now.plus(settings.reserveFor()));
    List<String> started = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (reserved.contains(holders.get(i))) {
        started.add(names.get(i));
      }
    }
    return new Plan(started, ready, free, starting);
  }

  /**
   * Lowers the pool's ceiling by one (not below 1) and gives back a worker's slot.
   *
   * @return the ceiling now
   */
  public int shrink(String resource, String executionId) {
    return semaphores.semaphoreOf(resource).shrink(Semaphores.holderId(executionId, HOLDER), 1)
        .map(s -> s.effectiveLimit() == null ? 0 : s.effectiveLimit()).orElse(0);
  }

  /** The holder id of a worker execution's slot. */
  public static String holderOf(String workerMachineArn, String executionName) {
    return Semaphores.holderId(executionArn(workerMachineArn, executionName), HOLDER);
  }

  /** The ARN an execution of a state machine gets: {@code …:stateMachine:NAME} → {@code …:execution:NAME:exec}. */
  public static String executionArn(String stateMachineArn, String executionName) {
    int cut = stateMachineArn.indexOf(":stateMachine:");
    if (cut < 0) {
      throw new io.datalakewlm.workers.failure.InvalidValue("'" + stateMachineArn + "' is not a state machine ARN"
          + " (arn:aws:states:<region>:<account>:stateMachine:<name>)");
    }
    return stateMachineArn.substring(0, cut) + ":execution:" + stateMachineArn.substring(cut + ":stateMachine:".length())
        + ":" + executionName;
  }
}
