package io.datalakewlm.asl.model;

/**
 * One state of a state machine. The sealed hierarchy lets the interpreter and the validator switch
 * over every state type and have the compiler tell them when a type is missing.
 */
public sealed interface State
    permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState,
        MapState {

  String name();

  String comment();

  /** The dialect this state is written in (its own {@code QueryLanguage} or the inherited one). */
  QueryLanguage queryLanguage();

  Io io();

  /** The state to go to next, or {@code null} when the state ends its flow or has no single next. */
  default String next() {
    return null;
  }

  /** Whether reaching the end of this state ends the flow ({@code "End": true}). */
  default boolean end() {
    return false;
  }

  /** The {@code Type} field as the definition spells it. */
  String type();
}
