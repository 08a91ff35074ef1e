package io.datalakewlm.asl.exec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One map run of a Distributed Map state, as DescribeMapRun shows it: the execution that started
 * it, its status and dates, its concurrency and failure thresholds, and its child executions. A
 * state that is retried starts a new map run (a new ARN) per attempt, as on AWS.
 *
 * <p>The thresholds can be changed while the run is RUNNING ({@link #update}), as UpdateMapRun
 * does: a higher concurrency starts more children at once, a lower one starts no new child until
 * fewer run (the running ones are not stopped), and new failure thresholds apply at once to the
 * failures so far. Read and update it on the runtime's loop only.
 *
 * <p>A redrive of the parent execution that ended in the Map state redrives this same run, as on
 * AWS ({@link #redriveCount}, {@link #redriveDate}): its Standard children that did not succeed
 * are redriven (same ARN, history continued), its Express ones started again from the first
 * state, and its succeeded children kept.
 */
public final class MapRun {
  /** The status of a map run, as the API names it. */
  public enum Status { RUNNING, SUCCEEDED, FAILED, ABORTED }

  /**
   * Child executions (or the items they process) by state: not yet started, running and ended
   * in each way; {@code total} is the sum.
   */
  public record Counts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
      long total) {}

  /**
   * The redrive members of the counts: children (or items) whose failure is final because their
   * execution cannot be redriven, and unsuccessful ones waiting for a free slot to be redriven.
   */
  public record RedriveCounts(long failuresNotRedrivable, long pendingRedrive) {}

  /** AWS's hard quota of redrives of one Map Run. */
  public static final int MAX_REDRIVES = 1000;

  /** A change of a running map run's settings; a {@code null} member is left as it is. */
  public record Update(Integer maxConcurrency, Long toleratedFailureCount, Double toleratedFailurePercentage) {}

  private final String arn;
  private final String executionArn;
  private final String stateMachineArn;
  private final String label;
  private final long startMillis;
  private final int[] itemsPerChild;
  private final List<Execution> children = new ArrayList<>();
  private final Map<String, Integer> childIndex = new HashMap<>();
  private final Execution[] byIndex;
  private final boolean[] notRedrivable;
  private final boolean[] pendingRedrive;
  private BiConsumer<Integer, Execution> childDone = (index, child) -> {};
  private int redriveCount;
  private long redriveMillis;
  private Status status = Status.RUNNING;
  private long stopMillis;
  private int maxConcurrency;
  private Long toleratedFailureCount;
  private Double toleratedFailurePercentage;
  private Runnable onUpdate = () -> {};

  MapRun(String arn, String executionArn, String stateMachineArn, String label, long startMillis, int[] itemsPerChild,
      int maxConcurrency, Long toleratedFailureCount, Double toleratedFailurePercentage) {
    this.arn = arn;
    this.executionArn = executionArn;
    this.stateMachineArn = stateMachineArn;
    this.label = label;
    this.startMillis = startMillis;
    this.itemsPerChild = itemsPerChild;
    this.maxConcurrency = maxConcurrency;
    this.toleratedFailureCount = toleratedFailureCount;
    this.toleratedFailurePercentage = toleratedFailurePercentage;
    this.byIndex = new Execution[itemsPerChild.length];
    this.notRedrivable = new boolean[itemsPerChild.length];
    this.pendingRedrive = new boolean[itemsPerChild.length];
  }

  public String arn() {
    return arn;
  }

  /** The execution whose Map state started this run. */
  public String executionArn() {
    return executionArn;
  }

  /** The ARN the child executions run under: {@code …:stateMachine:<parent name>/<label>}. */
  public String stateMachineArn() {
    return stateMachineArn;
  }

  /** The Map state's {@code Label}, or its name when it has none. */
  public String label() {
    return label;
  }

  public Status status() {
    return status;
  }

  public Instant startDate() {
    return Instant.ofEpochMilli(startMillis);
  }

  /** When the run ended, or {@code null} while it runs. */
  public Instant stopDate() {
    return status == Status.RUNNING ? null : Instant.ofEpochMilli(stopMillis);
  }

  /** The most children running at once, as configured; 0 means the runtime's ceiling. */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** The tolerated failure count, or {@code null} when none was set. */
  public Long toleratedFailureCount() {
    return toleratedFailureCount;
  }

  /** The tolerated failure percentage, or {@code null} when none was set. */
  public Double toleratedFailurePercentage() {
    return toleratedFailurePercentage;
  }

  /** The child executions started so far, in start order. */
  public List<Execution> children() {
    return Collections.unmodifiableList(children);
  }

  /** How many items the child execution processes (its batch's size), or 0 if it is not a child. */
  public int itemCount(String childArn) {
    Integer index = childIndex.get(childArn);
    return index == null ? 0 : itemsPerChild[index];
  }

  /** How many times the run was redriven (its parent's redrives that reran it). */
  public int redriveCount() {
    return redriveCount;
  }

  /** When the run was last redriven, or {@code null} if it never was. */
  public Instant redriveDate() {
    return redriveCount == 0 ? null : Instant.ofEpochMilli(redriveMillis);
  }

  /** Whether the child execution waits for a free slot to be redriven (PENDING_REDRIVE). */
  public boolean pendingRedrive(String childArn) {
    Integer index = childIndex.get(childArn);
    return index != null && pendingRedrive[index];
  }

  /** The redrive counts of the child executions. */
  public RedriveCounts executionRedriveCounts() {
    return redriveCounts(false);
  }

  /** The redrive counts of the items, by the child execution that processes them. */
  public RedriveCounts itemRedriveCounts() {
    return redriveCounts(true);
  }

  /** The child executions by state. */
  public Counts executionCounts() {
    return counts(false);
  }

  /** The items by the state of the child execution that processes them. */
  public Counts itemCounts() {
    return counts(true);
  }

  /**
   * Changes the settings of a RUNNING run; answers whether it ran (a run that has ended is left
   * as it is).
   */
  public boolean update(Update update) {
    if (status != Status.RUNNING) {
      return false;
    }
    if (update.maxConcurrency() != null) {
      maxConcurrency = update.maxConcurrency();
    }
    if (update.toleratedFailureCount() != null) {
      toleratedFailureCount = update.toleratedFailureCount();
    }
    if (update.toleratedFailurePercentage() != null) {
      toleratedFailurePercentage = update.toleratedFailurePercentage();
    }
    onUpdate.run();
    return true;
  }

  /** The concurrency the run applies: the configured one, 0 meaning {@code ceiling}. */
  int effectiveLimit(int ceiling) {
    return maxConcurrency == 0 ? ceiling : Math.min(maxConcurrency, ceiling);
  }

  void onUpdate(Runnable action) {
    this.onUpdate = action;
  }

  void started(int index, Execution child) {
    Execution previous = byIndex[index];
    byIndex[index] = child;
    if (previous == null) {
      childIndex.put(child.arn(), index);
      children.add(child);
    } else {
      // an Express child restarted by a redrive: a new execution under the same ARN
      children.set(children.indexOf(previous), child);
    }
  }

  /** The child execution that processes input {@code index}, or {@code null} if none started. */
  Execution child(int index) {
    return byIndex[index];
  }

  /** The map run's children report their end here; it tells the run's current attempt. */
  void onChildDone(BiConsumer<Integer, Execution> action) {
    this.childDone = action;
  }

  void childDone(int index, Execution child) {
    childDone.accept(index, child);
  }

  void notRedrivable(int index) {
    notRedrivable[index] = true;
  }

  void pendingRedrive(int index, boolean pending) {
    pendingRedrive[index] = pending;
  }

  /** Back to RUNNING for a redrive of the parent at {@code atMillis}. */
  void redrive(long atMillis) {
    status = Status.RUNNING;
    redriveCount++;
    redriveMillis = atMillis;
  }

  void end(Status end, long atMillis) {
    if (status == Status.RUNNING) {
      status = end;
      stopMillis = atMillis;
      // as AWS resets the count of children pending redrive when the run ends
      Arrays.fill(pendingRedrive, false);
    }
  }

  private RedriveCounts redriveCounts(boolean items) {
    long failures = 0;
    long pending = 0;
    for (int i = 0; i < itemsPerChild.length; i++) {
      long weight = items ? itemsPerChild[i] : 1;
      failures += notRedrivable[i] ? weight : 0;
      pending += pendingRedrive[i] ? weight : 0;
    }
    return new RedriveCounts(failures, pending);
  }

  // Tallies the children (or their items) by status; children not started yet are pending.
  private Counts counts(boolean items) {
    long running = 0;
    long succeeded = 0;
    long failed = 0;
    long timedOut = 0;
    long aborted = 0;
    long total = 0;
    for (int weight : itemsPerChild) {
      total += items ? weight : 1;
    }
    for (Execution child : children) {
      long weight = items ? itemsPerChild[childIndex.get(child.arn())] : 1;
      switch (child.status()) {
        case RUNNING -> running += weight;
        case SUCCEEDED -> succeeded += weight;
        case FAILED -> failed += weight;
        case TIMED_OUT -> timedOut += weight;
        case ABORTED -> aborted += weight;
      }
    }
    long pending = total - running - succeeded - failed - timedOut - aborted;
    return new Counts(pending, running, succeeded, failed, timedOut, aborted, total);
  }
}
