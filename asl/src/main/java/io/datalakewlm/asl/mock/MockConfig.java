package io.datalakewlm.asl.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mock configuration in the format Step Functions Local documented ({@code MockConfigFile.json}):
 * {@code StateMachines → <name> → TestCases → <test case> → <state name> → <mocked response>}, and
 * {@code MockedResponses → <name> → <invocation index or range "1-2"> → Return | Throw}.
 *
 * <p>Loading checks the whole file and reports every problem with its JSON path, so a test case
 * carried over from Step Functions Local either runs as it did there or says what to fix. Unlike
 * Step Functions Local, a mocked state here never calls AWS; activity tasks can be mocked too.
 */
public final class MockConfig {
  private final String source;
  private final Map<String, Map<String, Map<String, String>>> testCases;
  private final Map<String, MockedResponse> responses;

  private MockConfig(String source, Map<String, Map<String, Map<String, String>>> testCases,
      Map<String, MockedResponse> responses) {
    this.source = source;
    this.testCases = testCases;
    this.responses = responses;
  }

  public static MockConfig load(Path file) throws InvalidMockConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidMockConfigException(file.toString(), List.of("$: cannot read the file: " + e.getMessage()));
    }
    return parse(file.toString(), text);
  }

  /** Parses and checks a mock configuration; {@code source} names it in error messages. */
  public static MockConfig parse(String source, String json) throws InvalidMockConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidMockConfigException(source, List.of("$: not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new InvalidMockConfigException(source, List.of("$: must be a JSON object with StateMachines and MockedResponses"));
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("StateMachines") && !name.equals("MockedResponses")) {
        problems.add("$." + name + ": unknown field; a mock configuration has only StateMachines and MockedResponses");
      }
    }
    Map<String, MockedResponse> responses = new LinkedHashMap<>();
    JsonNode mocked = root.path("MockedResponses");
    if (!mocked.isObject()) {
      problems.add("$.MockedResponses: required, an object of named mocked responses");
    } else {
      mocked.fields().forEachRemaining(entry -> {
        MockedResponse response = MockedResponse.parse("$.MockedResponses['" + entry.getKey() + "']", entry.getValue(), problems);
        if (response != null) {
          responses.put(entry.getKey(), response);
        }
      });
    }
    Map<String, Map<String, Map<String, String>>> testCases = new LinkedHashMap<>();
    JsonNode machines = root.path("StateMachines");
    if (!machines.isObject()) {
      problems.add("$.StateMachines: required, an object of state machine names to their TestCases");
    } else {
      machines.fields().forEachRemaining(machine -> {
        String machinePath = "$.StateMachines['" + machine.getKey() + "']";
        JsonNode cases = machine.getValue().path("TestCases");
        if (!cases.isObject()) {
          problems.add(machinePath + ".TestCases: required, an object of test case names to mocked states");
          return;
        }
        Map<String, Map<String, String>> byCase = new LinkedHashMap<>();
        cases.fields().forEachRemaining(testCase -> {
          String casePath = machinePath + ".TestCases['" + testCase.getKey() + "']";
          if (!testCase.getValue().isObject()) {
            problems.add(casePath + ": must map state names to mocked response names");
            return;
          }
          Map<String, String> states = new LinkedHashMap<>();
          testCase.getValue().fields().forEachRemaining(state -> {
            String statePath = casePath + "['" + state.getKey() + "']";
            if (!state.getValue().isTextual()) {
              problems.add(statePath + ": must name an entry of MockedResponses");
            } else if (mocked.isObject() && !mocked.has(state.getValue().textValue())) {
              problems.add(statePath + ": mocked response '" + state.getValue().textValue()
                  + "' is not defined in MockedResponses");
            } else {
              states.put(state.getKey(), state.getValue().textValue());
            }
          });
          byCase.put(testCase.getKey(), Collections.unmodifiableMap(states));
        });
        testCases.put(machine.getKey(), Collections.unmodifiableMap(byCase));
      });
    }
    if (!problems.isEmpty()) {
      throw new InvalidMockConfigException(source, problems);
    }
    return new MockConfig(source, testCases, responses);
  }

  /** The state machine names the configuration knows. */
  public List<String> stateMachines() {
    return List.copyOf(testCases.keySet());
  }

  /**
   * The test case {@code testCase} of {@code stateMachine}; when {@code stateMachine} is null the
   * test case must exist in exactly one state machine.
   */
  public MockTestCase testCase(String stateMachine, String testCase) throws InvalidMockConfigException {
    String machine = stateMachine;
    if (machine == null) {
      List<String> owners = new ArrayList<>();
      testCases.forEach((name, cases) -> {
        if (cases.containsKey(testCase)) {
          owners.add(name);
        }
      });
      if (owners.size() != 1) {
        throw new InvalidMockConfigException(source, List.of(owners.isEmpty()
            ? "$.StateMachines: no state machine has a test case named '" + testCase + "'"
            : "$.StateMachines: test case '" + testCase + "' exists in " + owners + "; name the state machine"));
      }
      machine = owners.get(0);
    }
    Map<String, Map<String, String>> cases = testCases.get(machine);
    if (cases == null) {
      throw new InvalidMockConfigException(source, List.of("$.StateMachines: no state machine named '" + machine
          + "' (known: " + testCases.keySet() + ")"));
    }
    Map<String, String> states = cases.get(testCase);
    if (states == null) {
      throw new InvalidMockConfigException(source, List.of("$.StateMachines['" + machine + "'].TestCases: no test case named '"
          + testCase + "' (known: " + cases.keySet() + ")"));
    }
    Map<String, MockedResponse> byState = new LinkedHashMap<>();
    states.forEach((state, response) -> byState.put(state, responses.get(response)));
    return new MockTestCase(machine, testCase, byState);
  }
}
