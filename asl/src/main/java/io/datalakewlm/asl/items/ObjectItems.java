package io.datalakewlm.asl.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.storage.StoredObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code listObjectsV2} items: one per object, as Step Functions passes them to the children:
 * {@code Etag}, {@code Key}, {@code LastModified} (epoch seconds), {@code Size}, {@code StorageClass}.
 */
final class ObjectItems {
  private ObjectItems() {}

  static List<JsonNode> of(List<StoredObject> objects, int maxItems) {
    List<JsonNode> items = new ArrayList<>(objects.size());
    for (StoredObject object : objects) {
      if (maxItems > 0 && items.size() == maxItems) {
        break;
      }
      ObjectNode item = JsonNodeFactory.instance.objectNode();
      item.put("Etag", object.etag());
      item.put("Key", object.key());
      item.set("LastModified", number(object.lastModified().getEpochSecond()));
      item.set("Size", number(object.size()));
      item.put("StorageClass", object.storageClass());
      items.add(item);
    }
    return items;
  }

  // A number as a JSON parser reads it back (an int when it fits), so items compare equal to parsed JSON.
  private static JsonNode number(long value) {
    return value == (int) value ? JsonNodeFactory.instance.numberNode((int) value) : JsonNodeFactory.instance.numberNode(value);
  }
}
