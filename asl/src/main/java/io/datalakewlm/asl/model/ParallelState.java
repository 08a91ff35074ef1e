package io.datalakewlm.asl.model;

import java.util.List;

/**
 * {@code Parallel}: runs every branch on the same input; the result is the array of branch
 * outputs in branch order. A branch failure stops the other branches and fails the state.
 */
public record ParallelState(
    String name,
    String comment,
    QueryLanguage queryLanguage,
    Io io,
    List<StateMachine> branches,
    List<Retrier> retry,
    List<Catcher> catchers,
    String next,
    boolean end)
    implements State {

  public ParallelState {
    branches = List.copyOf(branches);
    retry = List.copyOf(retry);
    catchers = List.copyOf(catchers);
  }

  @Override
  public String type() {
    return "Parallel";
  }
}
