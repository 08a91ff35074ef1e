package io.datalakewlm.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.model.Catcher;
import io.datalakewlm.asl.model.ChoiceState;
import io.datalakewlm.asl.model.FailState;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.model.ParallelState;
import io.datalakewlm.asl.model.State;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.model.SucceedState;
import io.datalakewlm.asl.model.TaskState;
import io.datalakewlm.workers.pool.WorkerPool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Check (f): on every path of a state machine, a slot that an {@code AcquireSlot} task takes is
 * given back by a {@code ReleaseSlot} task before the path ends, unless the path ends by failing
 * an execution that the reaper cleans up.
 *
 * <p>The walk is path-sensitive: it visits (state, slots that may be held) pairs, so a loop ends
 * once it brings nothing new, and every transition a run can take is followed: {@code Next},
 * each Choice rule and its default (or the {@code States.NoChoiceMatched} failure when there is
 * none), each {@code Catch}, and the failure of a Task, Map or Parallel that no
 * {@code States.ALL} catcher covers. A slot is named by the acquire's {@code resource},
 * {@code executionId} and {@code holder} as written (literal or {@code .$} expression): a release
 * matches an acquire when it writes all three the same way. {@code ShrinkPool} releases like a
 * {@code ReleaseSlot} whose holder is the worker's ({@code worker}).
 *
 * <p>What an error leaves held: after a refusal of the acquire ({@code Wlm.NoSlot},
 * {@code Wlm.ExecutionReaped}, {@code Wlm.UnknownResource}, {@code Wlm.InvalidInput}) the slot is
 * not held; after any other error of an acquire it may be (the write may have landed before a
 * timeout). A release that itself fails counts as done: no definition can do better than retry,
 * and the slot's lease runs out. {@code States.Runtime} (a broken path or template) is not
 * followed: the validator is the tool for those.
 *
 * <p>Nested machines: the branches of a Parallel and the iterations of an inline Map belong to
 * the same execution, so what they leave held flows back into the parent state's next state, or
 * into its Catch or failure. The children of a distributed Map are executions of their own: a
 * child that ends holding a slot leaks it, and so does one that fails while the Map tolerates
 * failures (nothing fails, nothing is reaped); a failure the Map does not tolerate fails the Map.
 *
 * <p>Caveat: slots are told apart by how they are written, not by their values at run time, so
 * two acquires written alike (one per loop iteration over different batches) are one slot here.
 */
final class SlotSafety {

  /** The handler that shrinks the worker pool and releases the calling worker's slot. */
  private static final String SHRINK_POOL = "ShrinkPool";

  /** Errors with which AcquireSlot refuses, leaving the slot not held. */
  private static final Set<String> REFUSALS = Set.of("Wlm.NoSlot", "Wlm.ExecutionReaped", "Wlm.UnknownResource",
      "Wlm.InvalidInput");

  /** How a scope's ends are judged. */
  private enum Kind { TOP, INLINE, CHILD }

  /** How a path leaves a state. */
  private enum EndKind { SUCCESS, FAILURE }

  /** A slot as the definition writes it, and where it is first acquired. */
  private record Slot(String key, String display, String acquiredIn) {}

  /** A point of the walk: a state and the slots that may be held on entering it. */
  private record Node(String state, Set<String> held) {}

  /** How a node was reached: from which node, and through which Catch (null for Next/Choice). */
  private record Edge(Node from, String via) {}

  /** What a nested scope leaves to its parent state. */
  private record Result(Set<String> successHeld, Set<String> failureHeld, boolean canFail) {}

  private final DeployedMachine machine;
  private final boolean reaped;
  private final String reaperRule;
  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> reported = new HashSet<>();

  private SlotSafety(DeployedMachine machine, boolean reaped, String reaperRule) {
    this.machine = machine;
    this.reaped = reaped;
    this.reaperRule = reaperRule;
  }

  /**
   * Checks one machine.
   *
   * @param reaped whether the reaper cleans up this machine's FAILED, TIMED_OUT and ABORTED executions
   * @param reaperRule how to say what would make it reaped, for the fix
   */
  static List<Problem> check(DeployedMachine machine, boolean reaped, String reaperRule) {
    if (machine.model() == null) {
      return List.of();
    }
    SlotSafety check = new SlotSafety(machine, reaped, reaperRule);
    check.scope(machine.model(), "", Kind.TOP, null, false);
    return check.problems;
  }

  // Walks one set of states from its start with nothing held.
  private Result scope(StateMachine states, String prefix, Kind kind, String mapName, boolean tolerated) {
    Set<String> successHeld = new TreeSet<>();
    Set<String> failureHeld = new TreeSet<>();
    boolean canFail = false;
    Map<Node, Edge> parents = new HashMap<>();
    Deque<Node> queue = new ArrayDeque<>();
    Node start = new Node(states.startAt(), Set.of());
    parents.put(start, null);
    queue.add(start);
    while (!queue.isEmpty()) {
      Node node = queue.poll();
      State state = states.states().get(node.state());
      if (state == null) {
        continue; // a dangling Next is the validator's to report
      }
      String pointer = prefix + "/States/" + ReferenceCheck.escape(state.name());
      List<Transition> transitions = transitions(state, node.held(), pointer);
      for (Transition t : transitions) {
        if (t.next() != null) {
          Node next = new Node(t.next(), t.held());
          if (!parents.containsKey(next)) {
            parents.put(next, new Edge(node, t.via()));
            queue.add(next);
          }
          continue;
        }
        if (t.end() == EndKind.SUCCESS) {
          successHeld.addAll(t.held());
        } else {
          failureHeld.addAll(t.held());
          canFail = true;
        }
        judge(kind, t, node, parents, pointer, mapName, tolerated);
      }
    }
    return new Result(successHeld, failureHeld, canFail);
  }

  /** A way out of a state: to a next state, or to the end of the scope. */
  private record Transition(String next, EndKind end, Set<String> held, String via) {
    static Transition to(String next, Set<String> held, String via) {
      return new Transition(next, null, held, via);
    }

    static Transition end(EndKind end, Set<String> held, String via) {
      return new Transition(null, end, held, via);
    }
  }

  // Every way out of a state, with the slots held after it.
  private List<Transition> transitions(State state, Set<String> held, String pointer) {
    List<Transition> out = new ArrayList<>();
    if (state instanceof SucceedState) {
      out.add(Transition.end(EndKind.SUCCESS, held, null));
    } else if (state instanceof FailState) {
      out.add(Transition.end(EndKind.FAILURE, held, null));
    } else if (state instanceof ChoiceState choice) {
      for (ChoiceState.ChoiceRule rule : choice.choices()) {
        out.add(Transition.to(rule.next(), held, null));
      }
      if (choice.defaultState() != null) {
        out.add(Transition.to(choice.defaultState(), held, null));
      } else {
        out.add(Transition.end(EndKind.FAILURE, held, "States.NoChoiceMatched"));
      }
    } else if (state instanceof TaskState task) {
      task(task, held, out);
    } else if (state instanceof MapState map) {
      boolean distributed = map.mode() == MapState.Mode.DISTRIBUTED;
      MapState.Tolerance tolerance = map.tolerance();
      boolean tolerated = distributed && tolerance != null && (positive(tolerance.count())
          || (tolerance.percentage() != null && tolerance.percentage() > 0)
          || tolerance.countPath() != null || tolerance.percentagePath() != null);
      Result inner = scope(map.processor(), pointer + "/ItemProcessor", distributed ? Kind.CHILD : Kind.INLINE,
          map.name(), tolerated);
      boolean allTolerated = tolerated && tolerance.percentage() != null && tolerance.percentage() >= 100;
      Set<String> success = distributed ? held : union(held, inner.successHeld());
      Set<String> failure = union(held, distributed && allTolerated ? Set.of() : inner.failureHeld());
      nested(map.next(), map.end(), map.catchers(), inner.canFail() && !allTolerated, success, failure, out);
    } else if (state instanceof ParallelState parallel) {
      Set<String> success = held;
      Set<String> failure = held;
      boolean canFail = false;
      for (int i = 0; i < parallel.branches().size(); i++) {
        Result branch = scope(parallel.branches().get(i), pointer + "/Branches/" + i, Kind.INLINE, null, false);
        success = union(success, branch.successHeld());
        failure = union(failure, branch.failureHeld());
        canFail |= branch.canFail();
      }
      nested(parallel.next(), parallel.end(), parallel.catchers(), canFail, success, failure, out);
    } else {
      out.add(state.end() ? Transition.end(EndKind.SUCCESS, held, null) : Transition.to(state.next(), held, null));
    }
    return out;
  }

  // A Task: its success, each Catch, and its failure when nothing catches every error.
  private void task(TaskState task, Set<String> held, List<Transition> out) {
    String handler = DeployedMachine.handlerOf(task.resource()).orElse("");
    if (handler.equals(SHRINK_POOL)) {
      handler = "ReleaseSlot"; // lowers the pool's ceiling and gives the worker's own slot back
    }
    Slot slot = null;
    if (handler.equals("AcquireSlot") || handler.equals("ReleaseSlot")) {
      slot = slot(task, handler.equals("AcquireSlot"));
    }
    Set<String> after = held;
    if (slot != null) {
      after = handler.equals("AcquireSlot") ? union(held, Set.of(slot.key())) : minus(held, slot.key());
    }
    out.add(task.end() ? Transition.end(EndKind.SUCCESS, after, null) : Transition.to(task.next(), after, null));
    boolean catchesAll = false;
    for (Catcher catcher : task.catchers()) {
      catchesAll |= catcher.errorEquals().contains("States.ALL");
      out.add(Transition.to(catcher.next(), afterError(handler, slot, held, catcher.errorEquals()),
          String.join(", ", catcher.errorEquals())));
    }
    if (!catchesAll) {
      out.add(Transition.end(EndKind.FAILURE, afterError(handler, slot, held, null), "an uncaught error"));
    }
  }

  // A Map or Parallel: its next state, each Catch, and its failure.
  private static void nested(String next, boolean end, List<Catcher> catchers, boolean canFail, Set<String> success,
                             Set<String> failure, List<Transition> out) {
    out.add(end ? Transition.end(EndKind.SUCCESS, success, null) : Transition.to(next, success, null));
    if (!canFail) {
      return;
    }
    boolean catchesAll = false;
    for (Catcher catcher : catchers) {
      catchesAll |= catcher.errorEquals().contains("States.ALL");
      out.add(Transition.to(catcher.next(), failure, String.join(", ", catcher.errorEquals())));
    }
    if (!catchesAll) {
      out.add(Transition.end(EndKind.FAILURE, failure, "an uncaught error"));
    }
  }

  // The slots held after a Task failed with one of `errors` (null: any error).
  private static Set<String> afterError(String handler, Slot slot, Set<String> held, List<String> errors) {
    if (slot == null) {
      return held;
    }
    if (handler.equals("ReleaseSlot")) {
      return minus(held, slot.key());
    }
    boolean refusalOnly = errors != null && REFUSALS.containsAll(errors);
    return refusalOnly ? minus(held, slot.key()) : union(held, Set.of(slot.key()));
  }

  // The slot a task acquires or releases, named by its parameters as written.
  private Slot slot(TaskState task, boolean acquire) {
    JsonNode parameters = task.io().parameters() == null ? null : task.io().parameters().raw();
    StringBuilder key = new StringBuilder();
    String resource = "?";
    String holder = "";
    for (String field : new String[] {"resource", "executionId", "holder"}) {
      String written = written(parameters, field);
      if (field.equals("holder") && written.isEmpty() && SHRINK_POOL.equals(
          DeployedMachine.handlerOf(task.resource()).orElse(""))) {
        written = WorkerPool.HOLDER; // ShrinkPool gives back the worker's slot, whose holder is implied
      }
      key.append(field).append('=').append(written).append(" | ");
      if (field.equals("resource")) {
        resource = written;
      } else if (field.equals("holder")) {
        holder = written;
      }
    }
    String display = resource + (holder.isEmpty() ? "" : " (holder " + holder + ")");
    Slot slot = new Slot(key.toString(), display, task.name());
    return acquire ? slots.computeIfAbsent(slot.key(), k -> slot) : slots.getOrDefault(slot.key(), slot);
  }

  // A parameter as written: its literal value, or its .$ expression; empty when absent.
  private static String written(JsonNode parameters, String field) {
    if (parameters == null) {
      return "";
    }
    if (parameters.has(field)) {
      return parameters.get(field).asText();
    }
    if (parameters.has(field + ".$")) {
      return parameters.get(field + ".$").asText();
    }
    return "";
  }

  // Decides whether a path that ends while holding slots leaks them.
  private void judge(Kind kind, Transition end, Node node, Map<Node, Edge> parents, String pointer, String mapName,
                     boolean tolerated) {
    if (end.held().isEmpty() || kind == Kind.INLINE) {
      return;
    }
    String how;
    String fix;
    if (end.end() == EndKind.SUCCESS) {
      how = kind == Kind.TOP ? "when the execution succeeds" : "when the child execution of the Map '" + mapName
          + "' succeeds";
      fix = "release it on this path before the end: a ReleaseSlot with the same resource, executionId and holder";
    } else if (kind == Kind.TOP && !reaped) {
      how = "when the execution fails, and no reaper rule covers " + machine.logicalId() + "'s failed executions";
      fix = "release it before failing, or " + reaperRule;
    } else if (kind == Kind.CHILD && tolerated) {
      how = "when the child execution fails, which the Map '" + mapName + "' tolerates, so nothing reaps it";
      fix = "catch the error in the child and release the slot before ending";
    } else {
      return;
    }
    for (String key : end.held()) {
      if (!reported.add(pointer + "|" + key + "|" + end.end())) {
        continue;
      }
      Slot slot = slots.get(key);
      List<String> path = path(node, parents);
      String last = end.via() == null ? "" : " [" + end.via() + "]";
      problems.add(machine.problem(pointer, "the slot " + slot.display() + " acquired in '" + slot.acquiredIn()
          + "' is still held " + how + "; path: " + String.join(" -> ", path) + last, fix));
    }
  }

  // The state names from the start to `node`, with the errors of the Catch edges taken.
  private static List<String> path(Node node, Map<Node, Edge> parents) {
    List<String> names = new ArrayList<>();
    Node current = node;
    while (current != null) {
      Edge edge = parents.get(current);
      names.add(edge != null && edge.via() != null ? "[" + edge.via() + "] " + current.state() : current.state());
      current = edge == null ? null : edge.from();
    }
    Collections.reverse(names);
    return names;
  }

  private static boolean positive(Integer value) {
    return value != null && value > 0;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (b.isEmpty()) {
      return a;
    }
    Set<String> result = new TreeSet<>(a);
    result.addAll(b);
    return Collections.unmodifiableSet(result);
  }

  private static Set<String> minus(Set<String> a, String key) {
    if (!a.contains(key)) {
      return a;
    }
    Set<String> result = new TreeSet<>(a);
    result.remove(key);
    return Collections.unmodifiableSet(result);
  }
}
