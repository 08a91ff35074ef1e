package io.datalakewlm.asl.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One named entry of {@code MockedResponses}: what the n-th invocation of a mocked state answers.
 * Keys are invocation indexes from 0 ({@code "0"}) or inclusive ranges ({@code "1-2"}); together
 * they must cover 0…n without gaps or overlaps. An invocation past the last index is an error
 * rather than a guess.
 */
final class MockedResponse {
  /** The answer for the invocations {@code first..last}: a Return value or a Throw. */
  record Step(int first, int last, JsonNode returned, String error, String cause) {
    boolean isThrow() {
      return error != null;
    }
  }

  private final String name;
  private final List<Step> steps;

  private MockedResponse(String name, List<Step> steps) {
    this.name = name;
    this.steps = steps;
  }

  String name() {
    return name;
  }

  /** The step for invocation {@code index} (from 0), or {@code null} past the last one. */
  Step step(int index) {
    for (Step step : steps) {
      if (index >= step.first() && index <= step.last()) {
        return step;
      }
    }
    return null;
  }

  int invocations() {
    return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).last() + 1;
  }

  static MockedResponse parse(String path, JsonNode node, List<String> problems) {
    if (!node.isObject() || node.isEmpty()) {
      problems.add(path + ": must be an object of invocation indexes (\"0\", \"1-2\") to Return or Throw");
      return null;
    }
    int before = problems.size();
    List<Step> steps = new ArrayList<>();
    node.fields().forEachRemaining(entry -> {
      String keyPath = path + "['" + entry.getKey() + "']";
      int[] range = range(entry.getKey());
      if (range == null) {
        problems.add(keyPath + ": an invocation index is a number (\"0\") or a range (\"1-3\")");
        return;
      }
      JsonNode value = entry.getValue();
      boolean hasReturn = value.has("Return");
      boolean hasThrow = value.has("Throw");
      if (hasReturn == hasThrow || value.size() != 1) {
        problems.add(keyPath + ": must hold exactly one of Return or Throw");
        return;
      }
      if (hasReturn) {
        steps.add(new Step(range[0], range[1], value.get("Return"), null, null));
        return;
      }
      JsonNode thrown = value.get("Throw");
      if (!thrown.path("Error").isTextual()) {
        problems.add(keyPath + ".Throw.Error: required, the error name the mocked state fails with");
        return;
      }
      JsonNode cause = thrown.path("Cause");
      if (!cause.isMissingNode() && !cause.isTextual()) {
        problems.add(keyPath + ".Throw.Cause: must be a string");
        return;
      }
      steps.add(new Step(range[0], range[1], null, thrown.get("Error").textValue(), cause.isTextual() ? cause.textValue() : null));
    });
    steps.sort(Comparator.comparingInt(Step::first));
    int expected = 0;
    for (Step step : steps) {
      if (step.first() != expected) {
        problems.add(path + ": invocation indexes must cover 0, 1, 2… without gaps or overlaps; expected "
            + expected + " but found " + step.first());
        break;
      }
      expected = step.last() + 1;
    }
    return problems.size() == before ? new MockedResponse(path, List.copyOf(steps)) : null;
  }

  // "3" -> [3, 3]; "1-2" -> [1, 2]; anything else -> null.
  private static int[] range(String key) {
    try {
      int dash = key.indexOf('-');
      if (dash < 0) {
        int index = Integer.parseInt(key);
        return index < 0 ? null : new int[] {index, index};
      }
      int first = Integer.parseInt(key.substring(0, dash));
      int last = Integer.parseInt(key.substring(dash + 1));
      return first < 0 || last < first ? null : new int[] {first, last};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
