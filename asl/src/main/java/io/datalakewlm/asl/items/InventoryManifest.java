package io.datalakewlm.asl.items;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalakewlm.asl.storage.Buckets;
import io.datalakewlm.asl.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An S3 Inventory report as items: its {@code manifest.json} names the CSV data files (gzipped as
 * S3 Inventory writes them) in {@code destinationBucket} and their columns ({@code fileSchema});
 * each row of each file is one item, every value a string.
 */
final class InventoryManifest {
  private InventoryManifest() {}

  static List<JsonNode> items(Buckets buckets, String manifestText, int maxItems, String source) {
    JsonNode root = JsonItems.value(manifestText, source);
    if (!root.isObject()) {
      throw ItemReaderFailure.failed(source + " is not an S3 Inventory manifest: it is not a JSON object");
    }
    String format = root.path("fileFormat").asText("");
    if (!format.equals("CSV")) {
      throw format.isEmpty()
          ? ItemReaderFailure.failed(source + " is not an S3 Inventory manifest: it has no fileFormat")
          : ItemReaderFailure.notServed("An S3 Inventory in " + format + " (" + source + ")");
    }
    String destination = root.path("destinationBucket").asText("");
    String bucket = destination.startsWith("arn:aws:s3:::") ? destination.substring("arn:aws:s3:::".length()) : destination;
    if (bucket.isEmpty() || !root.path("fileSchema").isTextual() || !root.path("files").isArray()) {
      throw ItemReaderFailure.failed(source + " is not an S3 Inventory manifest: it needs destinationBucket,"
          + " fileSchema and files");
    }
    List<String> columns = Arrays.stream(root.get("fileSchema").asText().split(",")).map(String::trim).toList();
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode file : root.get("files")) {
      String key = file.path("key").asText("");
      String where = "s3://" + bucket + "/" + key;
      String text;
      try {
        text = ItemSource.utf8(gunzip(buckets.get(bucket, key), key, where), where);
      } catch (StorageException e) {
        throw ItemReaderFailure.failed("the inventory file " + where + " listed in " + source + " cannot be read: "
            + e.getMessage());
      }
      int left = maxItems == 0 ? 0 : maxItems - items.size();
      items.addAll(CsvItems.read(text, columns, ',', left, where));
      if (maxItems > 0 && items.size() >= maxItems) {
        break;
      }
    }
    return items;
  }

  private static byte[] gunzip(byte[] content, String key, String where) {
    boolean gzip = content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    if (!gzip) {
      if (key.endsWith(".gz")) {
        throw ItemReaderFailure.failed(where + " is named .gz but is not gzip data");
      }
      return content;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw ItemReaderFailure.failed(where + " is not valid gzip data (" + e.getMessage() + ")");
    }
  }
}
