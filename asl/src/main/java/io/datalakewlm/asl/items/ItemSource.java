package io.datalakewlm.asl.items;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.model.MapState;
import io.datalakewlm.asl.storage.Buckets;
import io.datalakewlm.asl.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a Distributed Map's {@code ItemReader} reads: the object {@code getObject} names, as its
 * {@code ReaderConfig.InputType} says (CSV, JSON, JSONL, or a MANIFEST of S3 Inventory), or one
 * item per object {@code listObjectsV2} lists under a prefix; at most {@code MaxItems} of them.
 *
 * <p>Failures are AWS's: {@code States.ItemReaderFailed} with a cause naming the object and what
 * is wrong with it (no bucket, no key, not the format). Readers AWS offers that are not built here
 * (PARQUET, Athena and CSV manifests, {@code LOAD_AND_FLATTEN}) fail with {@code States.Runtime}
 * and say so. An object's {@code VersionId} is not used: a folder keeps one version.
 */
public final class ItemSource {
  private ItemSource() {}

  /**
   * The items of one ItemReader.
   *
   * @param parameters the evaluated {@code Parameters} (JSONPath) or {@code Arguments} (JSONata)
   * @param maxItems the most items to read, or 0 for all
   * @throws StatesError {@code States.ItemReaderFailed} or {@code States.Runtime}
   */
  public static List<JsonNode> read(Buckets buckets, MapState.ItemReader reader, JsonNode parameters, int maxItems) {
    MapState.ReaderConfig config = reader.config();
    String bucket = text(parameters, "Bucket", reader.resource());
    if (MapState.ItemReader.LIST_OBJECTS_V2.equals(reader.resource())) {
      JsonNode prefix = parameters == null ? null : parameters.get("Prefix");
      if (prefix != null && !prefix.isTextual()) {
        throw ItemReaderFailure.failed("the ItemReader's Prefix must be a string, but it is " + prefix);
      }
      String start = prefix == null ? "" : prefix.asText();
      try {
        return ObjectItems.of(buckets.list(bucket, start), maxItems);
      } catch (StorageException e) {
        throw ItemReaderFailure.failed("listObjectsV2 of s3://" + bucket + "/" + start + " failed: " + e.getMessage());
      }
    }
    String key = text(parameters, "Key", reader.resource());
    String source = "s3://" + bucket + "/" + key;
    String inputType = config.inputType() == null ? "JSON" : config.inputType();
    if (inputType.equals("PARQUET")) {
      throw ItemReaderFailure.notServed("An ItemReader of InputType PARQUET (" + source + ")");
    }
    if (inputType.equals("MANIFEST") && config.manifestType() != null && !config.manifestType().equals("S3_INVENTORY")) {
      throw ItemReaderFailure.notServed("An ItemReader of ManifestType " + config.manifestType() + " (" + source + ")");
    }
    if (config.transformation() != null && !config.transformation().equals("NONE")) {
      throw ItemReaderFailure.notServed("An ItemReader with Transformation " + config.transformation() + " (" + source + ")");
    }
    byte[] content;
    try {
      content = buckets.get(bucket, key);
    } catch (StorageException e) {
      throw ItemReaderFailure.failed("getObject of " + source + " failed: " + e.getMessage());
    }
    String text = utf8(content, source);
    return switch (inputType) {
      case "CSV" -> CsvItems.read(text, "GIVEN".equals(config.csvHeaderLocation()) ? config.csvHeaders() : null,
          CsvItems.delimiter(config.csvDelimiter()), maxItems, source);
      case "JSONL" -> JsonItems.lines(text, maxItems, source);
      case "MANIFEST" -> InventoryManifest.items(buckets, text, maxItems, source);
      default -> JsonItems.array(text, maxItems, source);
    };
  }

  /**
   * The failure of a run that reaches an ItemReader, or an exporting ResultWriter, with no buckets.
   *
   * @param use what the state does with S3, e.g. "reads its items from"
   */
  public static StatesError noBuckets(String stateName, String use, String resource) {
    return new StatesError(ErrorNames.RUNTIME, "Map state '" + stateName + "' " + use + " S3 (" + resource
        + ") and this local run has no S3: give a folder standing in for the buckets with --s3-root DIR"
        + " (DIR/<bucket>/<key> is an object)");
  }

  /** The text of an object, which must be UTF-8. */
  static String utf8(byte[] content, String source) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw ItemReaderFailure.failed(source + " is not UTF-8 text" + offset(content));
    }
  }

  // Where the first byte that is not UTF-8 is.
  private static String offset(byte[] content) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    var out = java.nio.CharBuffer.allocate(content.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? " (byte offset " + in.position() + ")" : "";
  }

  private static String text(JsonNode parameters, String field, String resource) {
    JsonNode value = parameters == null ? null : parameters.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw ItemReaderFailure.failed("the ItemReader (" + resource + ") needs " + field + " as a non-empty string"
          + (value == null ? ", and it has none" : ", but it is " + value));
    }
    return value.asText();
  }
}
