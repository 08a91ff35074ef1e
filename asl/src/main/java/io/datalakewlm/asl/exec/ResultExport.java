package io.datalakewlm.asl.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.ErrorNames;
import io.datalakewlm.asl.StatesError;
import io.datalakewlm.asl.storage.Buckets;
import io.datalakewlm.asl.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A Distributed Map's {@code ResultWriter}: the children's results shaped by
 * {@code WriterConfig.Transformation} and, with {@code Resource} and {@code Parameters}, written as
 * AWS writes them under {@code Prefix/<map run id>/}: {@code SUCCEEDED_0.json},
 * {@code FAILED_0.json}, {@code PENDING_0.json} (each only when it has entries) and
 * {@code manifest.json} naming them with their sizes.
 *
 * <p>{@code NONE} (the default when exporting) gives each child's metadata with its input and
 * output as JSON text; {@code COMPACT} only the outputs; {@code FLATTEN} the outputs with arrays
 * spread. A failed child is always described as with {@code NONE}. Assumptions where AWS's guide
 * is silent: each status has one file (AWS splits files at 5 GB), JSONL files keep the
 * {@code .json} name, and PENDING lists the children that were still running when a failed map
 * run stopped them (items never started are not listed).
 */
final class ResultExport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ResultExport() {}

  /** Where the results go: the evaluated {@code Bucket} and {@code Prefix}. */
  record Destination(String bucket, String prefix) {
    static Destination of(JsonNode parameters) {
      JsonNode bucket = parameters == null ? null : parameters.get("Bucket");
      JsonNode prefix = parameters == null ? null : parameters.get("Prefix");
      if (bucket == null || !bucket.isTextual() || bucket.asText().isEmpty()) {
        throw new StatesError(ErrorNames.RESULT_WRITER_FAILED,
            "the ResultWriter needs Bucket as a non-empty string, but it is " + (bucket == null ? "missing" : bucket));
      }
      if (prefix != null && !prefix.isTextual()) {
        throw new StatesError(ErrorNames.RESULT_WRITER_FAILED, "the ResultWriter's Prefix must be a string, but it is " + prefix);
      }
      return new Destination(bucket.asText(), prefix == null ? "" : prefix.asText());
    }

    /** The key of a file of map run {@code runId}. */
    String key(String runId, String file) {
      String folder = prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
      return folder + runId + "/" + file;
    }
  }

  /**
   * The children's results as the state's output shows them without export ({@code WriterConfig}
   * alone): COMPACT and FLATTEN give outputs (a failed child its {@code {"Error", "Cause"}}), NONE
   * every child's description.
   */
  static ArrayNode inState(String transformation, Execution[] children, JsonNode[] results) {
    ArrayNode array = Engine.JSON.arrayNode(results.length);
    for (int i = 0; i < results.length; i++) {
      if ("NONE".equals(transformation) && children[i] != null) {
        array.add(describe(children[i]));
      } else if ("FLATTEN".equals(transformation) && results[i] != null && results[i].isArray()
          && children[i] != null && children[i].status() == ExecutionStatus.SUCCEEDED) {
        array.addAll((ArrayNode) results[i]);
      } else {
        array.add(results[i]);
      }
    }
    return array;
  }

  /**
   * Writes the result files and the manifest and returns the state's result:
   * {@code {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}}.
   *
   * @param pending the children the map run stopped before they finished
   * @throws StatesError {@code States.ResultWriterFailed} when an object cannot be written
   */
  static ObjectNode write(Buckets buckets, Destination destination, String mapRunArn, String transformation,
      String outputType, Execution[] children, List<Execution> pending) {
    String runId = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
    String shape = transformation == null ? "NONE" : transformation;
    boolean lines = "JSONL".equals(outputType);
    List<JsonNode> succeeded = new ArrayList<>();
    List<JsonNode> failed = new ArrayList<>();
    List<JsonNode> stopped = new ArrayList<>();
    for (Execution child : children) {
      if (child == null || !child.status().isFinal()) {
        continue;
      }
      if (pending.contains(child)) {
        stopped.add(describe(child));
      } else if (child.status() == ExecutionStatus.SUCCEEDED) {
        JsonNode output = child.output();
        if (shape.equals("NONE")) {
          succeeded.add(describe(child));
        } else if (shape.equals("FLATTEN") && output.isArray()) {
          output.forEach(succeeded::add);
        } else {
          succeeded.add(output);
        }
      } else {
        failed.add(describe(child));
      }
    }
    ObjectNode files = Engine.JSON.objectNode();
    files.set("FAILED", file(buckets, destination, runId, "FAILED_0.json", failed, lines));
    files.set("PENDING", file(buckets, destination, runId, "PENDING_0.json", stopped, lines));
    files.set("SUCCEEDED", file(buckets, destination, runId, "SUCCEEDED_0.json", succeeded, lines));
    ObjectNode manifest = Engine.JSON.objectNode();
    manifest.put("DestinationBucket", destination.bucket());
    manifest.put("MapRunArn", mapRunArn);
    manifest.set("ResultFiles", files);
    String manifestKey = destination.key(runId, "manifest.json");
    put(buckets, destination.bucket(), manifestKey, manifest.toString().getBytes(StandardCharsets.UTF_8));
    ObjectNode result = Engine.JSON.objectNode();
    result.put("MapRunArn", mapRunArn);
    ObjectNode details = result.putObject("ResultWriterDetails");
    details.put("Bucket", destination.bucket());
    details.put("Key", manifestKey);
    return result;
  }

  // Writes one result file when it has entries; its manifest entries ({Key, Size}), none when empty.
  private static ArrayNode file(Buckets buckets, Destination destination, String runId, String name,
      List<JsonNode> entries, boolean lines) {
    ArrayNode listed = Engine.JSON.arrayNode();
    if (entries.isEmpty()) {
      return listed;
    }
    String text;
    if (lines) {
      StringBuilder joined = new StringBuilder();
      for (JsonNode entry : entries) {
        joined.append(entry).append('\n');
      }
      text = joined.toString();
    } else {
      text = Engine.JSON.arrayNode().addAll(entries).toString();
    }
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    String key = destination.key(runId, name);
    put(buckets, destination.bucket(), key, content);
    listed.addObject().put("Key", key).put("Size", content.length);
    return listed;
  }

  private static void put(Buckets buckets, String bucket, String key, byte[] content) {
    try {
      buckets.put(bucket, key, content);
    } catch (StorageException e) {
      throw new StatesError(ErrorNames.RESULT_WRITER_FAILED, "putObject of s3://" + bucket + "/" + key + " failed: "
          + e.getMessage());
    }
  }

  // A child as the result files describe it (AWS's DescribeExecution fields, input and output as text).
  private static ObjectNode describe(Execution child) {
    ObjectNode entry = Engine.JSON.objectNode();
    entry.put("ExecutionArn", child.arn());
    entry.put("Input", text(child.input()));
    entry.putObject("InputDetails").put("Included", true);
    entry.put("Name", child.name());
    if (child.status() == ExecutionStatus.SUCCEEDED) {
      entry.put("Output", text(child.output()));
      entry.putObject("OutputDetails").put("Included", true);
    } else {
      if (child.error() != null) {
        entry.put("Error", child.error());
      }
      if (child.cause() != null) {
        entry.put("Cause", child.cause());
      }
    }
    entry.put("RedriveCount", child.redriveCount());
    if (child.status() == ExecutionStatus.SUCCEEDED) {
      entry.put("RedriveStatus", "NOT_REDRIVABLE");
      entry.put("RedriveStatusReason", "Execution is SUCCEEDED and cannot be redriven");
    } else {
      entry.put("RedriveStatus", "REDRIVABLE_BY_MAP_RUN");
    }
    entry.put("StartDate", date(child.startDate()));
    entry.put("StateMachineArn", child.stateMachineArn());
    entry.put("Status", child.status().name());
    if (child.stopDate() != null) {
      entry.put("StopDate", date(child.stopDate()));
    }
    return entry;
  }

  private static String date(Instant instant) {
    return DATE.format(instant);
  }

  private static String text(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
