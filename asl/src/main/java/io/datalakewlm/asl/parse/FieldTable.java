package io.datalakewlm.asl.parse;

import io.datalakewlm.asl.model.Operator;
import io.datalakewlm.asl.model.QueryLanguage;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which fields each kind of object in a definition accepts, and in which query language. One table
 * per shape (a state type, a retrier, a catcher, a Choice rule, …), each entry naming the dialects
 * that allow it, as the AWS documentation lists them per state.
 *
 * <p>A field of the other dialect gets AWS's message ("only supported for the 'JSONata'
 * QueryLanguage") rather than "unknown field". {@code Assign} belongs to both.
 */
final class FieldTable {
  private static final Set<QueryLanguage> BOTH = EnumSet.allOf(QueryLanguage.class);
  private static final Set<QueryLanguage> JSONPATH = EnumSet.of(QueryLanguage.JSONPATH);
  private static final Set<QueryLanguage> JSONATA = EnumSet.of(QueryLanguage.JSONATA);

  /** The kinds of JSON object a definition is made of. */
  enum Shape {
    STATE_MACHINE("the state machine"),
    BRANCH("a Parallel branch"),
    ITEM_PROCESSOR("an ItemProcessor"),
    PROCESSOR_CONFIG("a ProcessorConfig"),
    ITEM_BATCHER("an ItemBatcher"),
    ITEM_READER("an ItemReader"),
    READER_CONFIG("a ReaderConfig"),
    RESULT_WRITER("a ResultWriter"),
    WRITER_CONFIG("a WriterConfig"),
    RETRIER("a Retrier"),
    CATCHER("a Catcher"),
    CHOICE_RULE("a Choice rule"),
    NESTED_RULE("a nested Choice rule"),
    PASS("a Pass state"),
    TASK("a Task state"),
    CHOICE("a Choice state"),
    WAIT("a Wait state"),
    SUCCEED("a Succeed state"),
    FAIL("a Fail state"),
    PARALLEL("a Parallel state"),
    MAP("a Map state");

    private final String description;

    Shape(String description) {
      this.description = description;
    }

    /** How a message names an object of this shape, for example "a Task state". */
    String description() {
      return description;
    }
  }

  private static final Map<Shape, Map<String, Set<QueryLanguage>>> TABLE = table();

  private FieldTable() {}

  /** The fields of {@code shape}, each with the dialects that accept it, in documentation order. */
  static Map<String, Set<QueryLanguage>> fields(Shape shape) {
    return TABLE.get(shape);
  }

  /** The shape of a state of the given {@code Type}, if it is one of the eight state types. */
  static Optional<Shape> stateShape(String type) {
    return switch (type) {
      case "Pass" -> Optional.of(Shape.PASS);
      case "Task" -> Optional.of(Shape.TASK);
      case "Choice" -> Optional.of(Shape.CHOICE);
      case "Wait" -> Optional.of(Shape.WAIT);
      case "Succeed" -> Optional.of(Shape.SUCCEED);
      case "Fail" -> Optional.of(Shape.FAIL);
      case "Parallel" -> Optional.of(Shape.PARALLEL);
      case "Map" -> Optional.of(Shape.MAP);
      default -> Optional.empty();
    };
  }

  /** Whether some shape has a field {@code name + "Path"} (so a path can replace the value). */
  static boolean hasPathVariant(String name) {
    return TABLE.values().stream().anyMatch(fields -> fields.containsKey(name + "Path"));
  }

  static final Set<String> STATE_TYPES =
      Set.of("Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

  // Builds every shape's table.
  private static Map<Shape, Map<String, Set<QueryLanguage>>> table() {
    Map<Shape, Map<String, Set<QueryLanguage>>> table = new LinkedHashMap<>();
    table.put(
        Shape.STATE_MACHINE,
        fields("Comment", BOTH, "StartAt", BOTH, "States", BOTH, "TimeoutSeconds", BOTH, "Version", BOTH,
            "QueryLanguage", BOTH));
    table.put(Shape.BRANCH, fields("Comment", BOTH, "StartAt", BOTH, "States", BOTH));
    table.put(
        Shape.ITEM_PROCESSOR,
        fields("Comment", BOTH, "ProcessorConfig", BOTH, "StartAt", BOTH, "States", BOTH));
    table.put(Shape.PROCESSOR_CONFIG, fields("Mode", BOTH, "ExecutionType", BOTH));
    table.put(
        Shape.ITEM_BATCHER,
        fields("MaxItemsPerBatch", BOTH, "MaxItemsPerBatchPath", JSONPATH, "MaxInputBytesPerBatch", BOTH,
            "MaxInputBytesPerBatchPath", JSONPATH, "BatchInput", BOTH));
    table.put(
        Shape.ITEM_READER, fields("Resource", BOTH, "Parameters", JSONPATH, "Arguments", JSONATA, "ReaderConfig", BOTH));
    table.put(
        Shape.READER_CONFIG,
        fields("InputType", BOTH, "CSVHeaderLocation", BOTH, "CSVHeaders", BOTH, "CSVDelimiter", BOTH,
            "MaxItems", BOTH, "MaxItemsPath", JSONPATH, "ManifestType", BOTH, "Transformation", BOTH));
    table.put(
        Shape.RESULT_WRITER, fields("Resource", BOTH, "Parameters", JSONPATH, "Arguments", JSONATA, "WriterConfig", BOTH));
    table.put(Shape.WRITER_CONFIG, fields("OutputType", BOTH, "Transformation", BOTH));
    table.put(
        Shape.RETRIER,
        fields("ErrorEquals", BOTH, "IntervalSeconds", BOTH, "MaxAttempts", BOTH, "BackoffRate", BOTH,
            "MaxDelaySeconds", BOTH, "JitterStrategy", BOTH, "Comment", BOTH));
    table.put(
        Shape.CATCHER,
        fields("ErrorEquals", BOTH, "Next", BOTH, "ResultPath", JSONPATH, "Assign", BOTH, "Output", JSONATA,
            "Comment", BOTH));
    Map<String, Set<QueryLanguage>> nested =
        fields("Variable", JSONPATH, "And", JSONPATH, "Or", JSONPATH, "Not", JSONPATH, "Comment", BOTH);
    for (Operator operator : Operator.values()) {
      nested.put(operator.field(), JSONPATH);
      if (operator.hasPathVariant()) {
        nested.put(operator.field() + "Path", JSONPATH);
      }
    }
    Map<String, Set<QueryLanguage>> rule = new LinkedHashMap<>(nested);
    rule.putAll(fields("Next", BOTH, "Condition", JSONATA, "Assign", BOTH, "Output", JSONATA));
    table.put(Shape.NESTED_RULE, nested);
    table.put(Shape.CHOICE_RULE, rule);

    table.put(
        Shape.PASS,
        state("InputPath", JSONPATH, "Parameters", JSONPATH, "Result", JSONPATH, "ResultPath", JSONPATH,
            "OutputPath", JSONPATH, "Assign", BOTH, "Output", JSONATA, "Next", BOTH, "End", BOTH));
    table.put(
        Shape.TASK,
        state("Resource", BOTH, "InputPath", JSONPATH, "Parameters", JSONPATH, "Arguments", JSONATA,
            "ResultSelector", JSONPATH, "ResultPath", JSONPATH, "OutputPath", JSONPATH, "Output", JSONATA,
            "Assign", BOTH, "TimeoutSeconds", BOTH, "TimeoutSecondsPath", JSONPATH, "HeartbeatSeconds", BOTH,
            "HeartbeatSecondsPath", JSONPATH, "Credentials", BOTH, "Retry", BOTH, "Catch", BOTH, "Next", BOTH,
            "End", BOTH));
    table.put(
        Shape.CHOICE,
        state("InputPath", JSONPATH, "OutputPath", JSONPATH, "Choices", BOTH, "Default", BOTH, "Assign", BOTH,
            "Output", JSONATA));
    table.put(
        Shape.WAIT,
        state("InputPath", JSONPATH, "OutputPath", JSONPATH, "Seconds", BOTH, "Timestamp", BOTH,
            "SecondsPath", JSONPATH, "TimestampPath", JSONPATH, "Assign", BOTH, "Output", JSONATA, "Next", BOTH,
            "End", BOTH));
    table.put(Shape.SUCCEED, state("InputPath", JSONPATH, "OutputPath", JSONPATH, "Output", JSONATA));
    table.put(
        Shape.FAIL, state("Error", BOTH, "ErrorPath", JSONPATH, "Cause", BOTH, "CausePath", JSONPATH));
    table.put(
        Shape.PARALLEL,
        state("Branches", BOTH, "InputPath", JSONPATH, "Parameters", JSONPATH, "Arguments", JSONATA,
            "ResultSelector", JSONPATH, "ResultPath", JSONPATH, "OutputPath", JSONPATH, "Output", JSONATA,
            "Assign", BOTH, "Retry", BOTH, "Catch", BOTH, "Next", BOTH, "End", BOTH));
    table.put(
        Shape.MAP,
        state("ItemProcessor", BOTH, "Iterator", BOTH, "ItemsPath", JSONPATH, "Items", JSONATA,
            "ItemSelector", BOTH, "Parameters", JSONPATH, "MaxConcurrency", BOTH, "MaxConcurrencyPath", JSONPATH,
            "ItemReader", BOTH, "ItemBatcher", BOTH, "ResultWriter", BOTH, "ToleratedFailureCount", BOTH,
            "ToleratedFailureCountPath", JSONPATH, "ToleratedFailurePercentage", BOTH,
            "ToleratedFailurePercentagePath", JSONPATH, "Label", BOTH, "InputPath", JSONPATH,
            "ResultSelector", JSONPATH, "ResultPath", JSONPATH, "OutputPath", JSONPATH, "Output", JSONATA,
            "Assign", BOTH, "Retry", BOTH, "Catch", BOTH, "Next", BOTH, "End", BOTH));
    table.replaceAll((shape, fields) -> Collections.unmodifiableMap(fields));
    return Collections.unmodifiableMap(table);
  }

  // A state's table: the fields every state has, then its own.
  private static Map<String, Set<QueryLanguage>> state(Object... pairs) {
    Map<String, Set<QueryLanguage>> fields = fields("Type", BOTH, "Comment", BOTH, "QueryLanguage", BOTH);
    fields.putAll(fields(pairs));
    return fields;
  }

  // A table from alternating field names and dialect sets.
  @SuppressWarnings("unchecked")
  private static Map<String, Set<QueryLanguage>> fields(Object... pairs) {
    Map<String, Set<QueryLanguage>> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put((String) pairs[i], (Set<QueryLanguage>) pairs[i + 1]);
    }
    return fields;
  }
}
