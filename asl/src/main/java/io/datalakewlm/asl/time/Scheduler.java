package io.datalakewlm.asl.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The discrete-event scheduler that drives every execution of a runtime: one queue of actions
 * ordered by (time, sequence number), one clock, one thread running the actions.
 *
 * <p>In <b>virtual</b> mode the clock jumps to the time of the next action, so a one-hour
 * {@code Wait} costs one queue operation, and a run is a pure function of its inputs: ties are
 * broken by the order in which actions were scheduled, never by hash order or thread timing. In
 * <b>wall</b> mode the clock follows the system clock multiplied by a scale (a scale of 1000 makes
 * a 3,600 s Wait last 3.6 s) and the loop sleeps until the next action is due or another thread
 * posts one.
 *
 * <p>Only the loop thread runs actions, so the state they touch needs no locks. Other threads (an
 * HTTP server, an activity worker answering a task) hand work to the loop with {@link #post}.
 */
public final class Scheduler {
  private final boolean virtual;
  private final long originMillis;
  private final long originNanos;
  private final double scale;

  private final PriorityQueue<Entry> timed = new PriorityQueue<>();
  private final ArrayDeque<Entry> due = new ArrayDeque<>();
  private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();

  private long nowMillis;
  private long sequence;
  // Cancelled entries still in `timed`: a task's timeout (99,999,999 s by default) is cancelled
  // when the task ends but would sit in the queue for years of virtual time.
  private int cancelledTimed;
  private long actionsRun;
  private volatile Thread loopThread;
  private volatile boolean stopping;

  private Scheduler(boolean virtual, Instant origin, double scale) {
    this.virtual = virtual;
    this.originMillis = origin.toEpochMilli();
    this.originNanos = System.nanoTime();
    this.scale = scale;
    this.nowMillis = originMillis;
  }

  /** A scheduler whose clock starts at {@code start} and only moves when actions are due. */
  public static Scheduler virtual(Instant start) {
    return new Scheduler(true, start, 1);
  }

  /**
   * A scheduler whose clock runs at wall speed times {@code scale}, starting from the system
   * clock's present.
   */
  public static Scheduler wall(double scale) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("time scale must be > 0, was " + scale);
    }
    return new Scheduler(false, Instant.now(), scale);
  }

  public boolean isVirtual() {
    return virtual;
  }

  /** The present on this scheduler's clock. */
  public Instant now() {
    return Instant.ofEpochMilli(nowMillis());
  }

  /** The present in epoch milliseconds. */
  public long nowMillis() {
    if (virtual) {
      return nowMillis;
    }
    long elapsed = (long) ((System.nanoTime() - originNanos) / 1_000_000.0 * scale);
    return Math.max(nowMillis, originMillis + elapsed);
  }

  /** A {@link Clock} view of this scheduler, for code that takes a {@code java.time.Clock}. */
  public Clock clock() {
    return new SchedulerClock(this, ZoneOffset.UTC);
  }

  /** Number of actions run so far (a cheap measure of work for benchmarks). */
  public long actionsRun() {
    return actionsRun;
  }

  /** Runs {@code action} on the loop as soon as possible, after actions already due now. */
  public Timer soon(Runnable action) {
    assertLoopThread();
    Entry entry = new Entry(this, nowMillis(), sequence++, action);
    due.addLast(entry);
    return entry;
  }

  /** Runs {@code action} on the loop at {@code atMillis} (or now, if that is in the past). */
  public Timer at(long atMillis, Runnable action) {
    assertLoopThread();
    long now = nowMillis();
    if (atMillis <= now) {
      return soon(action);
    }
    Entry entry = new Entry(this, atMillis, sequence++, action);
    entry.inTimed = true;
    timed.add(entry);
    return entry;
  }

  /** Runs {@code action} on the loop after {@code delayMillis} of this scheduler's time. */
  public Timer after(long delayMillis, Runnable action) {
    return at(nowMillis() + Math.max(0, delayMillis), action);
  }

  /**
   * Hands {@code action} to the loop from any thread. It runs after the actions already due, in
   * the order posts arrived.
   */
  public void post(Runnable action) {
    inbox.add(action);
    if (!virtual) {
      lock.lock();
      try {
        wake.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Whether the calling thread is the loop thread (or no loop runs yet, during set-up). */
  public boolean inLoop() {
    Thread thread = loopThread;
    return thread == null || thread == Thread.currentThread();
  }

  /**
   * Virtual mode: runs actions until none is left, advancing the clock. Wall mode: runs until
   * {@link #stop()} is called. Returns the number of actions run.
   */
  public long run() {
    loopThread = Thread.currentThread();
    long before = actionsRun;
    try {
      if (virtual) {
        while (step()) {
          // each step runs one action
        }
      } else {
        while (!stopping) {
          if (!step()) {
            awaitWork();
          }
        }
      }
    } finally {
      loopThread = null;
    }
    return actionsRun - before;
  }

  /**
   * Virtual mode: runs actions whose time is at most {@code untilMillis}, then sets the clock to
   * {@code untilMillis}. Lets a caller advance time in slices (progress bars, sampling).
   */
  public void runUntil(long untilMillis) {
    if (!virtual) {
      throw new IllegalStateException("runUntil needs a virtual clock");
    }
    loopThread = Thread.currentThread();
    try {
      while (true) {
        drainInbox();
        Entry head = timed.peek();
        if (due.isEmpty() && (head == null || head.atMillis > untilMillis)) {
          break;
        }
        step();
      }
      nowMillis = Math.max(nowMillis, untilMillis);
    } finally {
      loopThread = null;
    }
  }

  /** Whether any action is waiting (due, timed or posted). */
  public boolean hasWork() {
    return !due.isEmpty() || !inbox.isEmpty() || timed.stream().anyMatch(e -> !e.cancelled);
  }

  /** Asks a wall-mode loop to return from {@link #run()} after the current action. */
  public void stop() {
    stopping = true;
    post(() -> {});
  }

  // Runs one action if any is runnable now (wall) or at all (virtual); false when there is none.
  private boolean step() {
    drainInbox();
    Entry next = nextRunnable();
    if (next == null) {
      return false;
    }
    if (next.atMillis > nowMillis) {
      nowMillis = next.atMillis;
    }
    actionsRun++;
    Runnable action = next.action;
    if (action != null) {
      action.run();
    }
    return true;
  }

  // Picks the earliest action by (time, sequence) among due and timed ones, honouring wall time.
  private Entry nextRunnable() {
    while (true) {
      Entry head = timed.peek();
      while (head != null && head.cancelled) {
        leaveTimed(timed.poll());
        head = timed.peek();
      }
      Entry first = due.peekFirst();
      while (first != null && first.cancelled) {
        due.pollFirst();
        first = due.peekFirst();
      }
      if (first == null && head == null) {
        return null;
      }
      boolean timedFirst =
          head != null && (first == null || head.compareTo(first) < 0);
      if (timedFirst) {
        if (!virtual && head.atMillis > nowMillis()) {
          if (first == null) {
            return null;
          }
          return due.pollFirst();
        }
        return leaveTimed(timed.poll());
      }
      return due.pollFirst();
    }
  }

  // Moves actions posted by other threads into the due queue, in arrival order.
  private void drainInbox() {
    Runnable action;
    while ((action = inbox.poll()) != null) {
      due.addLast(new Entry(this, nowMillis(), sequence++, action));
    }
  }

  // Wall mode: sleeps until the next timed action is due or another thread posts.
  private void awaitWork() {
    lock.lock();
    try {
      if (!inbox.isEmpty() || stopping) {
        return;
      }
      Entry head = timed.peek();
      if (head == null) {
        wake.await(1, TimeUnit.SECONDS);
      } else {
        double waitMillis = (head.atMillis - nowMillis()) / scale;
        if (waitMillis > 0) {
          wake.await(Math.max(1, (long) Math.ceil(waitMillis * 1000)), TimeUnit.MICROSECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    } finally {
      lock.unlock();
    }
  }

  private Entry leaveTimed(Entry entry) {
    entry.inTimed = false;
    if (entry.cancelled && cancelledTimed > 0) {
      cancelledTimed--;
    }
    return entry;
  }

  // A timed entry was cancelled. Once cancelled entries are most of the queue, they are dropped
  // in one pass (on the loop only), so the queue stays as small as the live timers; the order of
  // the others is (time, sequence) and does not change.
  private void cancelled(Entry entry) {
    if (!entry.inTimed) {
      return;
    }
    cancelledTimed++;
    if (cancelledTimed > 1024 && cancelledTimed > timed.size() / 2 && inLoop()) {
      timed.removeIf(e -> {
        if (e.cancelled) {
          e.inTimed = false;
          return true;
        }
        return false;
      });
      cancelledTimed = 0;
    }
  }

  private void assertLoopThread() {
    if (!inLoop()) {
      throw new IllegalStateException(
          "scheduler actions must be scheduled from the loop thread; use post() from other threads");
    }
  }

  private static final class Entry implements Timer, Comparable<Entry> {
    final Scheduler owner;
    final long atMillis;
    final long seq;
    // dropped on cancel, so that a cancelled timer no longer keeps what its action refers to
    // (a finished execution, its variables and results) reachable
    Runnable action;
    boolean cancelled;
    boolean inTimed;

    Entry(Scheduler owner, long atMillis, long seq, Runnable action) {
      this.owner = owner;
      this.atMillis = atMillis;
      this.seq = seq;
      this.action = action;
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      action = null;
      owner.cancelled(this);
    }

    @Override
    public int compareTo(Entry other) {
      int byTime = Long.compare(atMillis, other.atMillis);
      return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }
  }

  /** Read-only {@link Clock} over a scheduler's time. */
  private static final class SchedulerClock extends Clock {
    private final Scheduler scheduler;
    private final ZoneId zone;

    SchedulerClock(Scheduler scheduler, ZoneId zone) {
      this.scheduler = scheduler;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return new SchedulerClock(scheduler, newZone);
    }

    @Override
    public long millis() {
      return scheduler.nowMillis();
    }

    @Override
    public Instant instant() {
      return scheduler.now();
    }
  }
}
