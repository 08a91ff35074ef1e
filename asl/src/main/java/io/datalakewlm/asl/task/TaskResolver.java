package io.datalakewlm.asl.task;

/**
 * Finds the local handler of a Task state. The state name is part of the question so that a mock
 * configuration can answer per state, as Step Functions Local's mocked test cases do.
 */
@FunctionalInterface
public interface TaskResolver {
  /** The handler for {@code resource} in state {@code stateName}, or {@code null} when none. */
  TaskHandler resolve(String resource, String stateName);

  /** Asks {@code this} first, then {@code fallback}. */
  default TaskResolver orElse(TaskResolver fallback) {
    return (resource, stateName) -> {
      TaskHandler handler = resolve(resource, stateName);
      return handler != null ? handler : fallback.resolve(resource, stateName);
    };
  }

  TaskResolver NONE = (resource, stateName) -> null;
}
