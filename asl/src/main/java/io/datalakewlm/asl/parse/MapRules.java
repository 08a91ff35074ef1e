package io.datalakewlm.asl.parse;

import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.parse.Expressions.PathKind;
import io.datalakewlm.asl.parse.FieldTable.Shape;
import io.datalakewlm.asl.parse.JsonataChecks.Reads;
import java.util.List;
import java.util.Set;

/**
 * The rules of a Map state in both dialects: an item processor ({@code ItemProcessor}, or its deprecated
 * name {@code Iterator}) that is a valid scope with a valid {@code ProcessorConfig}; the item
 * fields (JSONPath {@code ItemsPath}/{@code ItemSelector} templates/{@code MaxConcurrencyPath}, or
 * JSONata {@code Items}, {@code ItemSelector} and literal-or-expression numbers); and the fields
 * only a DISTRIBUTED map accepts, reported on an INLINE map as AWS does.
 *
 * <p>A distributed map's {@code ItemReader} and {@code ResultWriter} follow
 * {@link ReaderWriterRules}.
 */
final class MapRules {
  /** Fields that only a Map in DISTRIBUTED mode accepts. */
  static final List<String> DISTRIBUTED_ONLY =
      List.of(
          "ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailureCount", "ToleratedFailureCountPath",
          "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label");

  /** AWS's limit on a batch's input size: 256 KiB. */
  static final long MAX_BATCH_BYTES = 262_144;

  /** The characters a Map label may not contain, besides white space and control characters. */
  private static final String LABEL_FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

  private MapRules() {}

  static void map(Fields state, DefinitionValidator validator, QueryLanguage dialect) {
    boolean distributed = processor(state, validator);
    ErrorHandlingRules.retry(state);
    ErrorHandlingRules.catchers(state, dialect);
    AssignRules.assign(state, dialect, Reads.RESULT);
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.arrayOrExpression(state, "Items");
      JsonataChecks.objectOrExpression(state, "ItemSelector", Reads.INPUT);
      JsonataChecks.integer(state, "MaxConcurrency", 0, Integer.MAX_VALUE);
      JsonataChecks.value(state, "Output", Reads.RESULT);
    } else {
      StateRules.inputOutput(state);
      Expressions.path(state, "ItemsPath", PathKind.REFERENCE, false);
      state.notBoth("ItemSelector", "Parameters");
      Expressions.template(state, "ItemSelector");
      Expressions.template(state, "Parameters");
      state.integer("MaxConcurrency", 0, Integer.MAX_VALUE);
      Expressions.path(state, "MaxConcurrencyPath", PathKind.REFERENCE, false);
      state.notBoth("MaxConcurrency", "MaxConcurrencyPath");
      Expressions.template(state, "ResultSelector");
      Expressions.path(state, "ResultPath", PathKind.RESULT, true);
    }
    if (distributed) {
      distributedFields(state, validator, dialect);
    } else {
      for (String name : state.present(DISTRIBUTED_ONLY.toArray(String[]::new))) {
        state.problems().schema(
            state.at(name),
            "Field '" + name + "' is only supported by a Map in DISTRIBUTED mode; set"
                + " \"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"} or remove it");
      }
    }
  }

  // Checks the item processor and answers whether the map is DISTRIBUTED.
  private static boolean processor(Fields state, DefinitionValidator validator) {
    List<String> names = state.present("ItemProcessor", "Iterator");
    if (names.isEmpty()) {
      state.problems().schema(state.at(), "Field 'ItemProcessor' is required in a Map state");
      return false;
    }
    if (names.size() > 1) {
      state.problems().schema(
          state.at("Iterator"), "'Iterator' is the deprecated name of 'ItemProcessor'; keep only 'ItemProcessor'");
    }
    Fields processor = state.object(names.get(0));
    if (processor == null) {
      return false;
    }
    boolean distributed = false;
    Fields config = processor.object("ProcessorConfig");
    if (config != null) {
      config.checkNames(Shape.PROCESSOR_CONFIG, QueryLanguage.JSONPATH, Set.of());
      String mode = config.oneOf("Mode", List.of("INLINE", "DISTRIBUTED"));
      config.oneOf("ExecutionType", List.of("STANDARD", "EXPRESS"));
      distributed = "DISTRIBUTED".equals(mode);
      boolean modeKnown = mode != null || !config.has("Mode");
      if (distributed && !config.has("ExecutionType")) {
        state.problems().schema(
            config.at(), "Field 'ExecutionType' (STANDARD or EXPRESS) is required when Mode is DISTRIBUTED");
      } else if (!distributed && modeKnown && config.has("ExecutionType")) {
        state.problems().schema(
            config.at("ExecutionType"), "Field 'ExecutionType' is only allowed when Mode is DISTRIBUTED");
      }
    }
    validator.scope(processor, Shape.ITEM_PROCESSOR);
    return distributed;
  }

  // The fields of a distributed map.
  private static void distributedFields(Fields state, DefinitionValidator validator, QueryLanguage dialect) {
    ReaderWriterRules.itemReader(state, dialect);
    ReaderWriterRules.resultWriter(state, dialect);
    integer(state, "ToleratedFailureCount", 0, Integer.MAX_VALUE, dialect);
    Expressions.path(state, "ToleratedFailureCountPath", PathKind.REFERENCE, false);
    state.notBoth("ToleratedFailureCount", "ToleratedFailureCountPath");
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.number(state, "ToleratedFailurePercentage", 0, 100);
    } else {
      state.number("ToleratedFailurePercentage", 0, 100);
    }
    Expressions.path(state, "ToleratedFailurePercentagePath", PathKind.REFERENCE, false);
    state.notBoth("ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
    batcher(state, dialect);
    String label = state.string("Label");
    if (label != null) {
      label(state, label);
      validator.label(label, state.at("Label"));
    }
  }

  // ItemBatcher: at least one limit, each in range, and an optional BatchInput template.
  private static void batcher(Fields state, QueryLanguage dialect) {
    Fields batcher = state.object("ItemBatcher");
    if (batcher == null) {
      return;
    }
    batcher.checkNames(Shape.ITEM_BATCHER, dialect, Set.of());
    if (batcher.present("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath")
        .isEmpty()) {
      state.problems().schema(
          batcher.at(),
          "An ItemBatcher needs at least one of 'MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch',"
              + " 'MaxInputBytesPerBatchPath'");
    }
    integer(batcher, "MaxItemsPerBatch", 1, Integer.MAX_VALUE, dialect);
    Expressions.path(batcher, "MaxItemsPerBatchPath", PathKind.REFERENCE, false);
    batcher.notBoth("MaxItemsPerBatch", "MaxItemsPerBatchPath");
    integer(batcher, "MaxInputBytesPerBatch", 1, MAX_BATCH_BYTES, dialect);
    Expressions.path(batcher, "MaxInputBytesPerBatchPath", PathKind.REFERENCE, false);
    batcher.notBoth("MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.objectOrExpression(batcher, "BatchInput", Reads.INPUT);
    } else {
      Expressions.template(batcher, "BatchInput");
    }
  }

  // A whole number; in JSONata also an expression.
  private static void integer(Fields fields, String name, long min, long max, QueryLanguage dialect) {
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.integer(fields, name, min, max);
    } else {
      fields.integer(name, min, max);
    }
  }

  // A label: at most 40 characters, none of them white space, control or special characters.
  private static void label(Fields state, String label) {
    String problem = null;
    if (label.isEmpty() || label.length() > 40) {
      problem = "must be 1 to 40 characters long, but has " + label.length();
    } else {
      for (int i = 0; i < label.length() && problem == null; i++) {
        char c = label.charAt(i);
        if (Character.isWhitespace(c) || Character.isISOControl(c) || LABEL_FORBIDDEN.indexOf(c) >= 0) {
          problem = "must not contain white space, control characters or any of " + LABEL_FORBIDDEN
              + ", but has '" + c + "' at position " + i;
        }
      }
    }
    if (problem != null) {
      state.problems().error(
          DiagnosticCode.INVALID_LABEL_NAME, state.at("Label"), "The Map label '" + label + "' " + problem);
    }
  }
}
