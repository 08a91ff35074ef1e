package io.datalakewlm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.Execution;
import io.datalakewlm.asl.exec.StatesRuntime;
import io.datalakewlm.asl.history.HistoryEvent;
import io.datalakewlm.asl.mock.InvalidMockConfigException;
import io.datalakewlm.asl.mock.MockConfig;
import io.datalakewlm.asl.mock.MockTestCase;
import io.datalakewlm.asl.model.StateMachine;
import io.datalakewlm.asl.parse.DefinitionParser;
import io.datalakewlm.asl.parse.InvalidDefinitionException;
import io.datalakewlm.asl.task.TaskResolver;
import io.datalakewlm.asl.parse.Substitutions;
import io.datalakewlm.asl.storage.FolderBuckets;
import io.datalakewlm.input.InputFile;
import io.datalakewlm.input.InputFileException;
import io.datalakewlm.input.JsonSyntax;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code wlm execute}: runs one execution of a definition in virtual time and prints its outcome
 * as one JSON object. Task states are answered by a mock configuration's test case; a Task with no
 * mock fails the execution with {@code States.Runtime} and a cause naming the state. With
 * {@code --s3-root}, Distributed Maps' ItemReaders and ResultWriters use a folder as S3.
 */
@Command(
    name = "execute",
    mixinStandardHelpOptions = true,
    description = {
      "Run a state machine definition locally in virtual time and print the outcome as JSON.",
      "The outcome: {\"status\":\"SUCCEEDED\",\"output\":…} or {\"status\":\"FAILED\",\"error\":…,\"cause\":…}.",
      "Exit 0 when the execution ran, whatever its outcome; 2 for an invalid definition or input."
    })
final class ExecuteCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DEFINITION", description = "The ASL definition (JSON).")
  Path definition;

  @Option(names = "--input", paramLabel = "JSON", description = "The execution input (default {}).")
  String input;

  @Option(names = "--input-file", paramLabel = "FILE", description = "Read the execution input from FILE.")
  Path inputFile;

  @Option(names = "--substitutions", paramLabel = "FILE",
      description = "A JSON object of $${Name} values, like SAM's DefinitionSubstitutions.")
  Path substitutions;

  @Option(names = "--mock-config", paramLabel = "FILE",
      description = "A Step Functions Local mock configuration (MockConfigFile.json).")
  Path mockConfig;

  @Option(names = "--test-case", paramLabel = "NAME", description = "The test case of the mock configuration to use.")
  String testCase;

  @Option(names = "--state-machine", paramLabel = "NAME",
      description = "The state machine of the mock configuration (needed when several have the test case).")
  String stateMachineName;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of jitter, States.MathRandom, States.UUID (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--history", description = "Add the execution history (\"events\") to the output.")
  boolean history;

  @Option(names = "--s3-root", paramLabel = "DIR",
      description = "A folder standing in for S3: DIR/<bucket>/<key> is an object. Distributed Maps read their"
          + " ItemReader items from it and their ResultWriter writes the map run's results into it.")
  Path s3Root;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    StateMachine machine;
    JsonNode executionInput;
    TaskResolver resolver = TaskResolver.NONE;
    try {
      machine = DefinitionParser.parse(readDefinition(), readSubstitutions(), definition.toString());
      executionInput = readInput();
      if (mockConfig != null || testCase != null) {
        resolver = mocks();
      }
      checkS3Root(s3Root);
    } catch (InvalidDefinitionException e) {
      err.println("wlm execute: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (InvalidInputException | InvalidMockConfigException e) {
      err.println("wlm execute: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (InputFileException e) {
      err.println("wlm execute: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    }
    StatesRuntime runtime = StatesRuntime.builder().resolver(resolver).seed(seed).recordHistory(history)
        .buckets(s3Root == null ? null : new FolderBuckets(s3Root)).build();
    String name = stateMachineName != null ? stateMachineName : baseName(definition);
    Execution execution = runtime.start(machine, runtime.stateMachineArn(name), null, executionInput);
    runtime.scheduler().run();
    out.println(outcome(execution).toString());
    out.flush();
    return 0;
  }

  private ObjectNode outcome(Execution execution) {
    ObjectNode result = JSON.createObjectNode();
    result.put("status", execution.status().name());
    if (execution.output() != null) {
      result.set("output", execution.output());
    }
    if (execution.status() != io.datalakewlm.asl.exec.ExecutionStatus.SUCCEEDED) {
      result.put("error", execution.error());
      result.put("cause", execution.cause());
    }
    if (history) {
      ArrayNode events = result.putArray("events");
      for (HistoryEvent event : execution.history()) {
        events.add(event.toJson(false));
      }
    }
    return result;
  }

  // The --s3-root folder must be there before the run: a typo would otherwise surface as a missing bucket.
  static void checkS3Root(Path s3Root) throws InvalidInputException {
    if (s3Root == null) {
      return;
    }
    if (!Files.exists(s3Root)) {
      throw new InvalidInputException("--s3-root " + s3Root + ": no such folder (create it, with one folder per bucket"
          + " inside)");
    }
    if (!Files.isDirectory(s3Root)) {
      throw new InvalidInputException("--s3-root " + s3Root + ": a file, not a folder (give the folder whose"
          + " subfolders are the buckets)");
    }
  }

  private MockTestCase mocks() throws InvalidMockConfigException, InvalidInputException, InputFileException {
    if (mockConfig == null || testCase == null) {
      throw new InvalidInputException("--mock-config and --test-case go together; give both");
    }
    return MockConfig.parse(mockConfig.toString(), InputFile.readJson(mockConfig)).testCase(stateMachineName, testCase);
  }

  // The definition's text; its JSON syntax is checked here when it has no ${Name} to substitute first.
  private String readDefinition() throws InputFileException {
    String text = InputFile.read(definition);
    if (Substitutions.namesUsed(text).isEmpty()) {
      JsonSyntax.check(text, definition.toString());
    }
    return text;
  }

  private JsonNode readInput() throws InputFileException, InvalidInputException {
    if (input != null && inputFile != null) {
      throw new InvalidInputException("give --input or --input-file, not both");
    }
    String text = input != null ? input : inputFile != null ? InputFile.readJson(inputFile) : "{}";
    if (input != null) {
      JsonSyntax.check(text, "--input");
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("the execution input is not valid JSON");
    }
  }

  private Map<String, String> readSubstitutions() throws InputFileException, InvalidInputException {
    Map<String, String> values = new LinkedHashMap<>();
    if (substitutions == null) {
      return values;
    }
    JsonNode node;
    try {
      node = JSON.readTree(InputFile.readJson(substitutions));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(substitutions + ": not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(substitutions + ": must be a JSON object of names to values, e.g. {\"Limit\": \"10\"}");
    }
    for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      JsonNode value = entry.getValue();
      if (value.isContainerNode()) {
        throw new InvalidInputException(substitutions + ": $." + entry.getKey()
            + " must be a string, number or boolean (it is substituted as text)");
      }
      values.put(entry.getKey(), value.asText());
    }
    return values;
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** A bad option value or input file, reported on stderr with exit code 2. */
  static final class InvalidInputException extends Exception {
    InvalidInputException(String message) {
      super(message);
    }
  }
}
