package io.datalakewlm.asl.mock;

import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.task.TaskHandler;
import io.datalakewlm.asl.task.TaskResolver;
import java.util.HashMap;
import java.util.Map;

/**
 * One test case of a mock configuration as a {@link TaskResolver}: Task states it names answer
 * from their mocked response, counting invocations per execution and state (retries and Map
 * iterations each count one); other states fall through to the next resolver.
 */
public final class MockTestCase implements TaskResolver {
  private final String stateMachine;
  private final String name;
  private final Map<String, MockedResponse> byState;
  private final Map<String, Integer> invocations = new HashMap<>();

  MockTestCase(String stateMachine, String name, Map<String, MockedResponse> byState) {
    this.stateMachine = stateMachine;
    this.name = name;
    this.byState = Map.copyOf(byState);
  }

  public String stateMachine() {
    return stateMachine;
  }

  public String name() {
    return name;
  }

  @Override
  public TaskHandler resolve(String resource, String stateName) {
    MockedResponse response = byState.get(stateName);
    if (response == null) {
      return null;
    }
    return call -> {
      String key = call.executionArn() + "\u0000" + stateName;
      int index = invocations.merge(key, 1, Integer::sum) - 1;
      MockedResponse.Step step = response.step(index);
      if (step == null) {
        call.fail(ErrorNames.RUNTIME, "Mocked response " + response.name() + " of test case '" + name
            + "' defines " + response.invocations() + " invocation(s) of state '" + stateName
            + "', but it was invoked a " + (index + 1) + ". time; add an entry for index " + index);
      } else if (step.isThrow()) {
        call.fail(step.error(), step.cause());
      } else {
        call.succeed(step.returned());
      }
    };
  }
}
