package io.datalakewlm.asl.history;

/**
 * The event types of an execution history, spelled as {@code GetExecutionHistory} spells them,
 * each with the name of the details field that carries its data (or {@code null} when the event
 * has none).
 */
public enum EventType {
  ActivityFailed("activityFailedEventDetails"),
  ActivityScheduled("activityScheduledEventDetails"),
  ActivityScheduleFailed("activityScheduleFailedEventDetails"),
  ActivityStarted("activityStartedEventDetails"),
  ActivitySucceeded("activitySucceededEventDetails"),
  ActivityTimedOut("activityTimedOutEventDetails"),
  ChoiceStateEntered("stateEnteredEventDetails"),
  ChoiceStateExited("stateExitedEventDetails"),
  ExecutionAborted("executionAbortedEventDetails"),
  ExecutionFailed("executionFailedEventDetails"),
  ExecutionRedriven("executionRedrivenEventDetails"),
  ExecutionStarted("executionStartedEventDetails"),
  ExecutionSucceeded("executionSucceededEventDetails"),
  ExecutionTimedOut("executionTimedOutEventDetails"),
  FailStateEntered("stateEnteredEventDetails"),
  LambdaFunctionFailed("lambdaFunctionFailedEventDetails"),
  LambdaFunctionScheduled("lambdaFunctionScheduledEventDetails"),
  LambdaFunctionScheduleFailed("lambdaFunctionScheduleFailedEventDetails"),
  LambdaFunctionStarted(null),
  LambdaFunctionStartFailed("lambdaFunctionStartFailedEventDetails"),
  LambdaFunctionSucceeded("lambdaFunctionSucceededEventDetails"),
  LambdaFunctionTimedOut("lambdaFunctionTimedOutEventDetails"),
  MapIterationAborted("mapIterationAbortedEventDetails"),
  MapIterationFailed("mapIterationFailedEventDetails"),
  MapIterationStarted("mapIterationStartedEventDetails"),
  MapIterationSucceeded("mapIterationSucceededEventDetails"),
  MapRunAborted(null),
  MapRunFailed("mapRunFailedEventDetails"),
  MapRunRedriven("mapRunRedrivenEventDetails"),
  MapRunStarted("mapRunStartedEventDetails"),
  MapRunSucceeded(null),
  MapStateAborted(null),
  MapStateEntered("stateEnteredEventDetails"),
  MapStateExited("stateExitedEventDetails"),
  MapStateFailed(null),
  MapStateStarted("mapStateStartedEventDetails"),
  MapStateSucceeded(null),
  ParallelStateAborted(null),
  ParallelStateEntered("stateEnteredEventDetails"),
  ParallelStateExited("stateExitedEventDetails"),
  ParallelStateFailed(null),
  ParallelStateStarted(null),
  ParallelStateSucceeded(null),
  PassStateEntered("stateEnteredEventDetails"),
  PassStateExited("stateExitedEventDetails"),
  SucceedStateEntered("stateEnteredEventDetails"),
  SucceedStateExited("stateExitedEventDetails"),
  TaskFailed("taskFailedEventDetails"),
  TaskScheduled("taskScheduledEventDetails"),
  TaskStarted("taskStartedEventDetails"),
  TaskStartFailed("taskStartFailedEventDetails"),
  TaskStateAborted(null),
  TaskStateEntered("stateEnteredEventDetails"),
  TaskStateExited("stateExitedEventDetails"),
  TaskSubmitFailed("taskSubmitFailedEventDetails"),
  TaskSubmitted("taskSubmittedEventDetails"),
  TaskSucceeded("taskSucceededEventDetails"),
  TaskTimedOut("taskTimedOutEventDetails"),
  WaitStateAborted(null),
  WaitStateEntered("stateEnteredEventDetails"),
  WaitStateExited("stateExitedEventDetails"),
  EvaluationFailed("evaluationFailedEventDetails");

  private final String detailsField;

  EventType(String detailsField) {
    this.detailsField = detailsField;
  }

  /** The JSON field that holds this event's details, or {@code null}. */
  public String detailsField() {
    return detailsField;
  }

  /** Whether this event closes an execution's history (succeeded, failed, timed out or aborted). */
  public boolean endsExecution() {
    return this == ExecutionSucceeded || this == ExecutionFailed || this == ExecutionTimedOut || this == ExecutionAborted;
  }

  /** The {@code <Type>StateEntered} event of a state type such as {@code Task}. */
  public static EventType entered(String stateType) {
    return ByStateType.ENTERED.computeIfAbsent(stateType, type -> valueOf(type + "StateEntered"));
  }

  /** The {@code <Type>StateExited} event of a state type (Fail states have none). */
  public static EventType exited(String stateType) {
    return ByStateType.EXITED.computeIfAbsent(stateType, type -> valueOf(type + "StateExited"));
  }

  /** The events of each state type met, looked up once: every state a run enters asks for two. */
  private static final class ByStateType {
    static final java.util.Map<String, EventType> ENTERED = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.Map<String, EventType> EXITED = new java.util.concurrent.ConcurrentHashMap<>();
  }
}
