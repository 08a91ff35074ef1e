package io.datalakewlm.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.datalakewlm.asl.model.MapState.ItemReader;
import io.datalakewlm.asl.model.MapState.ResultWriter;
import io.datalakewlm.asl.model.QueryLanguage;
import io.datalakewlm.asl.parse.Expressions.PathKind;
import io.datalakewlm.asl.parse.FieldTable.Shape;
import io.datalakewlm.asl.parse.JsonataChecks.Reads;
import java.util.List;
import java.util.Set;

/**
 * The rules of a distributed map's {@code ItemReader} and {@code ResultWriter}, as AWS states
 * them: a reader names {@code s3:getObject} (with {@code Bucket} and {@code Key}, and a
 * {@code ReaderConfig.InputType}) or {@code s3:listObjectsV2} (with {@code Bucket}, optionally
 * {@code Prefix}); CSV headers are {@code FIRST_ROW} or {@code GIVEN} with {@code CSVHeaders};
 * {@code MaxItems} is at most {@value ItemReader#MAX_ITEMS_LIMIT}. A writer is not empty:
 * {@code WriterConfig} alone, {@code Resource} (s3:putObject) with {@code Parameters}
 * ({@code Bucket}, optionally {@code Prefix}), or all three.
 *
 * <p>{@code Bucket}, {@code Key} and {@code Prefix} are checked only when written literally: a
 * {@code Bucket.$} path or a JSONata expression is known at run time only.
 */
final class ReaderWriterRules {
  private ReaderWriterRules() {}

  /** Checks the ItemReader of {@code state}, if it has one. */
  static void itemReader(Fields state, QueryLanguage dialect) {
    Fields reader = state.object("ItemReader");
    if (reader == null) {
      return;
    }
    reader.checkNames(Shape.ITEM_READER, dialect, Set.of());
    String resource = reader.require("Resource") ? reader.oneOf("Resource", ItemReader.RESOURCES) : null;
    String parametersName = parameters(reader, dialect);
    Fields config = reader.object("ReaderConfig");
    if (ItemReader.GET_OBJECT.equals(resource)) {
      requireKeys(reader, Shape.ITEM_READER, parametersName, List.of("Bucket", "Key"));
      if (config == null || !config.has("InputType")) {
        reader.problems().schema(config == null ? reader.at() : config.at(),
            "An ItemReader that reads an object (s3:getObject) needs 'ReaderConfig.InputType': one of "
                + String.join(", ", ItemReader.INPUT_TYPES));
      }
    } else if (ItemReader.LIST_OBJECTS_V2.equals(resource)) {
      requireKeys(reader, Shape.ITEM_READER, parametersName, List.of("Bucket"));
    }
    if (config != null) {
      readerConfig(config, dialect);
    }
  }

  /** Checks the ResultWriter of {@code state}, if it has one. */
  static void resultWriter(Fields state, QueryLanguage dialect) {
    Fields writer = state.object("ResultWriter");
    if (writer == null) {
      return;
    }
    writer.checkNames(Shape.RESULT_WRITER, dialect, Set.of());
    String parametersField = dialect == QueryLanguage.JSONATA ? "Arguments" : "Parameters";
    boolean hasResource = writer.has("Resource");
    boolean hasParameters = writer.has(parametersField);
    if (!hasResource && !hasParameters && !writer.has("WriterConfig")) {
      writer.problems().schema(writer.at(),
          "A ResultWriter needs 'WriterConfig', or 'Resource' with '" + parametersField + "', or all three");
    } else if (hasResource != hasParameters) {
      writer.problems().schema(writer.at(hasResource ? "Resource" : parametersField),
          "A ResultWriter's 'Resource' and '" + parametersField + "' go together: add the "
              + (hasResource ? "'" + parametersField + "' with the Bucket and Prefix" : "'Resource' "
                  + ResultWriter.PUT_OBJECT) + ", or remove this field");
    }
    if (hasResource) {
      writer.oneOf("Resource", List.of(ResultWriter.PUT_OBJECT));
    }
    String parametersName = parameters(writer, dialect);
    if (hasResource && hasParameters) {
      requireKeys(writer, Shape.RESULT_WRITER, parametersName, List.of("Bucket"));
    }
    Fields config = writer.object("WriterConfig");
    if (config != null) {
      config.checkNames(Shape.WRITER_CONFIG, dialect, Set.of());
      config.oneOf("Transformation", ResultWriter.TRANSFORMATIONS);
      config.oneOf("OutputType", ResultWriter.OUTPUT_TYPES);
    }
  }

  // The Parameters template (JSONPath) or Arguments (JSONata): checked; answers its field name.
  private static String parameters(Fields fields, QueryLanguage dialect) {
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.objectOrExpression(fields, "Arguments", Reads.INPUT);
      return "Arguments";
    }
    Expressions.template(fields, "Parameters");
    return "Parameters";
  }

  // Each key is given, literally or as a path ("Key.$"), in a literal Parameters/Arguments object.
  private static void requireKeys(Fields fields, Shape shape, String name, List<String> keys) {
    JsonNode parameters = fields.get(name);
    if (parameters == null) {
      fields.problems().schema(fields.at(),
          "Field '" + name + "' is required in " + shape.description()
              + ": it names the " + String.join(" and ", keys));
      return;
    }
    if (!parameters.isObject()) {
      return; // an expression: known at run time
    }
    for (String key : keys) {
      if (!parameters.has(key) && !parameters.has(key + ".$")) {
        fields.problems().schema(fields.at(name), "Field '" + name + "' needs '" + key + "'"
            + (key.equals("Bucket") ? ": the bucket's name" : ": the object's key"));
      }
    }
  }

  // ReaderConfig: allowed values, CSV headers, and MaxItems within AWS's ceiling.
  private static void readerConfig(Fields config, QueryLanguage dialect) {
    config.checkNames(Shape.READER_CONFIG, dialect, Set.of());
    String inputType = config.oneOf("InputType", ItemReader.INPUT_TYPES);
    String location = config.oneOf("CSVHeaderLocation", ItemReader.HEADER_LOCATIONS);
    config.oneOf("CSVDelimiter", ItemReader.DELIMITERS);
    config.oneOf("ManifestType", ItemReader.MANIFEST_TYPES);
    config.oneOf("Transformation", ItemReader.TRANSFORMATIONS);
    boolean csv = "CSV".equals(inputType);
    for (String name : config.present("CSVHeaderLocation", "CSVHeaders", "CSVDelimiter")) {
      if (inputType != null && !csv) {
        config.problems().schema(config.at(name),
            "Field '" + name + "' applies only to \"InputType\": \"CSV\", not " + inputType + "; remove it");
      }
    }
    if ("GIVEN".equals(location)) {
      ArrayNode headers = config.nonEmptyArray("CSVHeaders");
      if (headers == null && !config.has("CSVHeaders")) {
        config.problems().schema(config.at(),
            "\"CSVHeaderLocation\": \"GIVEN\" needs 'CSVHeaders': the column names, e.g. [\"id\", \"name\"]");
      }
      if (headers != null) {
        for (int i = 0; i < headers.size(); i++) {
          if (!headers.get(i).isTextual()) {
            config.problems().schema(config.at("CSVHeaders").appendIndex(i),
                "Each of 'CSVHeaders' must be a string (a column name), not " + Fields.excerpt(headers.get(i)));
          }
        }
      }
    } else if (config.has("CSVHeaders")) {
      config.problems().schema(config.at("CSVHeaders"),
          "Field 'CSVHeaders' is used only with \"CSVHeaderLocation\": \"GIVEN\"; set it, or remove 'CSVHeaders' to"
              + " read the headers from the first row");
    }
    if (dialect == QueryLanguage.JSONATA) {
      JsonataChecks.integer(config, "MaxItems", 0, ItemReader.MAX_ITEMS_LIMIT);
    } else {
      config.integer("MaxItems", 0, ItemReader.MAX_ITEMS_LIMIT);
      Expressions.path(config, "MaxItemsPath", PathKind.REFERENCE, false);
      config.notBoth("MaxItems", "MaxItemsPath");
    }
  }
}
