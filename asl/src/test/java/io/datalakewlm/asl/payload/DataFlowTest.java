package io.datalakewlm.asl.payload;

import static io.datalakewlm.asl.path.JsonFixtures.json;
import static io.datalakewlm.asl.path.JsonFixtures.path;
import static io.datalakewlm.asl.path.JsonFixtures.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.path.JsonPath;
import io.datalakewlm.asl.path.Scope;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The processing chain on the worked examples of the AWS developer guide ("InputPath and
 * Parameters", "ResultSelector", "ResultPath", "InputPath, ResultPath and OutputPath Example").
 */
class DataFlowTest {
  static Optional<JsonPath> field(String path) {
    return Optional.of(path(path));
  }

  static PayloadTemplate template(String json) throws TemplateException {
    return PayloadTemplate.compile(json(json));
  }

  @Test
  void inputPathSelectsAPortionOfTheInput() {
    JsonNode input =
        json(
            """
            { "comment": "Example for InputPath.",
              "dataset1": { "val1": 1, "val2": 2, "val3": 3 },
              "dataset2": { "val1": "a", "val2": "b", "val3": "c" } }
            """);
    assertEquals(
        json("{ \"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\" }"),
        DataFlow.inputPath(field("$.dataset2"), input, scope(input)));
    assertSame(input, DataFlow.inputPath(null, input, scope(input)));
    assertEquals(json("{}"), DataFlow.inputPath(Optional.empty(), input, scope(input)));
  }

  @Test
  void inputPathMayReadTheContextObject() {
    JsonNode context = json("{\"Execution\": {\"Input\": {\"original\": true}}}");
    assertEquals(
        json("{\"original\": true}"),
        DataFlow.inputPath(field("$$.Execution.Input"), json("{}"), scope(json("{}"), context, Map.of())));
  }

  @Test
  void anInputPathOrOutputPathThatSelectsNothingIsARuntimeError() {
    JsonNode input = json("{\"a\": 1}");
    StatesError in =
        assertThrows(StatesError.class, () -> DataFlow.inputPath(field("$.missing"), input, scope(input)));
    assertEquals(ErrorNames.RUNTIME, in.error());
    assertEquals("Invalid path '$.missing' : No results for path: $['missing']", in.cause());
    StatesError out =
        assertThrows(StatesError.class, () -> DataFlow.outputPath(field("$.a.b"), input, scope(input)));
    assertEquals(ErrorNames.RUNTIME, out.error());
    assertEquals("Invalid path '$.a.b' : No results for path: $['a']['b']", out.cause());
  }

  @Test
  void parametersBuildTheEffectiveInputFromTheInputPathSelection() throws Exception {
    JsonNode raw = json("{\"lambda\": {\"who\": \"AWS Step Functions\"}, \"extra\": 1}");
    Scope scope = scope(raw);
    JsonNode selected = DataFlow.inputPath(field("$.lambda"), raw, scope);
    PayloadTemplate parameters = template("{\"greet.$\": \"$.who\", \"from.$\": \"$$.State.Name\"}");
    Scope withContext = new Scope(raw, json("{\"State\": {\"Name\": \"Hello\"}}"), Map.of(), scope.random());
    assertEquals(
        json("{\"greet\": \"AWS Step Functions\", \"from\": \"Hello\"}"),
        DataFlow.parameters(parameters, selected, withContext));
    assertSame(selected, DataFlow.parameters(null, selected, scope));
    StatesError error =
        assertThrows(
            StatesError.class,
            () -> DataFlow.parameters(template("{\"x.$\": \"$.extra\"}"), selected, scope));
    assertEquals(ErrorNames.RUNTIME, error.error());
  }

  @Test
  void resultSelectorAndResultPathKeepTheInputAndAddTheSelectedResult() throws Exception {
    JsonNode stateInput = json("{\"ClusterName\": \"MyCluster\"}");
    JsonNode result =
        json(
            """
            { "resourceType": "elasticmapreduce", "resource": "createCluster.sync",
              "output": {
                "SdkHttpMetadata": { "HttpStatusCode": 200 },
                "SdkResponseMetadata": { "RequestId": "1234-5678-9012" },
                "ClusterId": "AKIAIOSFODNN7EXAMPLE" } }
            """);
    PayloadTemplate selector =
        template("{\"ClusterId.$\": \"$.output.ClusterId\", \"ResourceType.$\": \"$.resourceType\"}");
    JsonNode selected = DataFlow.resultSelector(selector, result, scope(stateInput));
    assertEquals(
        json(
            """
            { "ClusterName": "MyCluster",
              "EMROutput": { "ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce" } }
            """),
        DataFlow.resultPath(field("$.EMROutput"), stateInput, selected));
    StatesError error =
        assertThrows(
            StatesError.class,
            () -> DataFlow.resultSelector(template("{\"x.$\": \"$.nope\"}"), result, scope(stateInput)));
    assertEquals(ErrorNames.RUNTIME, error.error());
  }

  @Test
  void resultSelectorFlattensAnArrayOfArrays() throws Exception {
    assertEquals(
        json("{\"flattenArray\": [1, 2, 3, 4, 5, 6]}"),
        DataFlow.resultSelector(
            template("{\"flattenArray.$\": \"$[*][*]\"}"), json("[[1, 2, 3], [4, 5, 6]]"), scope(json("{}"))));
  }

  @Test
  void resultPathReplacesKeepsOrCombines() {
    JsonNode input =
        json(
            """
            { "comment": "This is a test of the input and output of a Task state.",
              "details": "Default example", "who": "AWS Step Functions" }
            """);
    JsonNode result = json("\"Hello, AWS Step Functions!\"");
    assertSame(result, DataFlow.resultPath(null, input, result));
    assertSame(result, DataFlow.resultPath(field("$"), input, result));
    assertSame(input, DataFlow.resultPath(Optional.empty(), input, result));
    assertEquals(
        json(
            """
            { "comment": "Hello, AWS Step Functions!",
              "details": "Default example", "who": "AWS Step Functions" }
            """),
        DataFlow.resultPath(field("$.comment"), input, result));
    assertEquals(
        json("{\"foo\": \"bar\", \"error\": {\"Error\": \"Error here\"}}"),
        DataFlow.resultPath(field("$.error"), json("{\"foo\": \"bar\"}"), json("{\"Error\": \"Error here\"}")));
  }

  @Test
  void aResultPathThatCannotBeAppliedIsAResultPathMatchFailure() {
    StatesError error =
        assertThrows(
            StatesError.class,
            () -> DataFlow.resultPath(field("$.a.b"), json("{\"a\":\"text\"}"), json("1")));
    assertEquals(ErrorNames.RESULT_PATH_MATCH_FAILURE, error.error());
    assertEquals("Unable to apply ReferencePath $.a.b to input {\"a\":\"text\"}", error.cause());
    assertThrows(StatesError.class, () -> DataFlow.resultPath(field("$.x"), json("[1]"), json("1")));
  }

  @Test
  void runsTheWholeChainOfTheAwsInputResultOutputPathExample() {
    JsonNode raw =
        json(
            """
            { "comment": "An input comment.",
              "data": { "val1": 23, "val2": 17 },
              "extra": "foo",
              "lambda": { "who": "AWS Step Functions" } }
            """);
    Scope scope = scope(raw);
    JsonNode taskInput = DataFlow.parameters(null, DataFlow.inputPath(field("$.lambda"), raw, scope), scope);
    assertEquals(json("{\"who\": \"AWS Step Functions\"}"), taskInput);
    JsonNode result = json("\"Hello, " + taskInput.get("who").textValue() + "!\"");
    JsonNode combined =
        DataFlow.resultPath(field("$.data.lambdaresult"), raw, DataFlow.resultSelector(null, result, scope));
    JsonNode output = DataFlow.outputPath(field("$.data"), combined, scope);
    assertEquals(
        json("{ \"val1\": 23, \"val2\": 17, \"lambdaresult\": \"Hello, AWS Step Functions!\" }"), output);
    assertEquals(json("{ \"val1\": 23, \"val2\": 17 }"), raw.get("data"));
    assertEquals(json("{}"), DataFlow.outputPath(Optional.empty(), combined, scope));
  }
}
