package io.datalakewlm.workers.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table definitions read from the CloudFormation template {@code sam-template.yaml}, the same
 * file that deploys them, so the tables created on dynalite or LocalStack cannot drift from the
 * deployed ones. The workers jar carries a copy of the template at its root.
 *
 * <p>Only the simple form is understood: {@code TableName} a literal or
 * {@code !Sub '<base>-${Environment}'}, {@code KeySchema}, {@code AttributeDefinitions} and
 * {@code GlobalSecondaryIndexes} (projection ALL). CloudFormation short-form tags ({@code !Sub},
 * {@code !Ref}) reach this parser as plain scalars: the YAML reader keeps the tagged value and
 * drops the tag, which is all these definitions need.
 */
public final class TableDefinitions {

  private static final String RESOURCE = "/sam-template.yaml";
  private static final Pattern SUB_NAME = Pattern.compile("^(.+)-\\$\\{Environment}$");

  private final Map<Table, TableDefinition> definitions;

  private TableDefinitions(Map<Table, TableDefinition> definitions) {
    this.definitions = definitions;
  }

  /** The definitions from the template packaged in the workers jar. */
  public static TableDefinitions fromClasspath() {
    try (InputStream in = TableDefinitions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("sam-template.yaml is missing from the classpath (the workers build copies it)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a template; every {@link Table} must be defined in it.
   *
   * @param source names the template in error messages
   */
  public static TableDefinitions parse(String yaml, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Table> byBase = new HashMap<>();
    for (Table t : Table.values()) {
      byBase.put(t.baseName(), t);
    }
    Map<Table, TableDefinition> found = new EnumMap<>(Table.class);
    Iterator<Map.Entry<String, JsonNode>> resources = root.path("Resources").fields();
    while (resources.hasNext()) {
      Map.Entry<String, JsonNode> entry = resources.next();
      if (!"AWS::DynamoDB::Table".equals(entry.getValue().path("Type").asText())) {
        continue;
      }
      String where = source + ": Resources." + entry.getKey();
      JsonNode props = entry.getValue().path("Properties");
      String base = baseName(props.path("TableName"), where);
      Table table = byBase.get(base);
      if (table == null) {
        continue; // a table the workers do not use
      }
      found.put(table, definition(table, entry.getKey(), props, where));
    }
    for (Table t : Table.values()) {
      if (!found.containsKey(t)) {
        throw new IllegalArgumentException(source + ": no AWS::DynamoDB::Table named '" + t.baseName()
            + "-${Environment}'; add it to the template");
      }
    }
    return new TableDefinitions(found);
  }

  public TableDefinition get(Table table) {
    return definitions.get(table);
  }

  public Collection<TableDefinition> all() {
    return definitions.values();
  }

  // The base name from a literal TableName or a !Sub '<base>-${Environment}'.
  private static String baseName(JsonNode tableName, String where) {
    if (!tableName.isTextual()) {
      throw new IllegalArgumentException(where + ".Properties.TableName: expected !Sub '<name>-${Environment}'");
    }
    Matcher m = SUB_NAME.matcher(tableName.asText());
    return m.matches() ? m.group(1) : tableName.asText();
  }

  // One table's keys and indexes.
  private static TableDefinition definition(Table table, String logicalId, JsonNode props, String where) {
    Map<String, String> types = new HashMap<>();
    for (JsonNode def : props.path("AttributeDefinitions")) {
      types.put(def.path("AttributeName").asText(), def.path("AttributeType").asText());
    }
    KeyAttribute[] key = keySchema(props.path("KeySchema"), types, where + ".Properties.KeySchema");
    List<IndexDefinition> indexes = new ArrayList<>();
    for (JsonNode gsi : props.path("GlobalSecondaryIndexes")) {
      String name = gsi.path("IndexName").asText();
      String projection = gsi.path("Projection").path("ProjectionType").asText();
      if (!"ALL".equals(projection)) {
        throw new IllegalArgumentException(where + ": index " + name + " must use ProjectionType ALL");
      }
      KeyAttribute[] ik = keySchema(gsi.path("KeySchema"), types, where + ".GlobalSecondaryIndexes." + name);
      indexes.add(new IndexDefinition(name, ik[0], ik[1]));
    }
    return new TableDefinition(table, logicalId, key[0], key[1], indexes);
  }

  // {hash, range-or-null} from a KeySchema list.
  private static KeyAttribute[] keySchema(JsonNode schema, Map<String, String> types, String where) {
    KeyAttribute[] result = new KeyAttribute[2];
    for (JsonNode element : schema) {
      String name = element.path("AttributeName").asText();
      String type = types.get(name);
      if (type == null) {
        throw new IllegalArgumentException(where + ": key attribute " + name + " is missing from AttributeDefinitions");
      }
      int slot = "HASH".equals(element.path("KeyType").asText()) ? 0 : 1;
      result[slot] = new KeyAttribute(name, type);
    }
    if (result[0] == null) {
      throw new IllegalArgumentException(where + ": no HASH key");
    }
    return result;
  }
}
