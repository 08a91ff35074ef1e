package io.datalakewlm.workers.store.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.store.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB's item API as the intake state machine and other direct integrations use it, the same
 * requests against the in-memory twin ({@link TwinApiTest}) and dynalite ({@link DynaliteApiTest}):
 * what the twin answers is what DynamoDB answers. Requests are DynamoDB's JSON, with
 * {@code $Q}, {@code $L} and {@code $R} for the queue, lanes and intake rejects tables.
 */
abstract class DynamoDbApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DynamoDbApi api;

  protected abstract DynamoDbApi newApi();

  @BeforeEach
  void freshTables() {
    api = newApi();
  }

  @Test
  void aPutItemIsWhatGetItemReadsAndAMissingItemHasNoItemField() {
    call("PutItem", """
        {"TableName": "$Q", "Item": {"objectKey": {"S": "s3://b/k"}, "n": {"N": "1.50"}, "big": {"N": "1E2"},
         "ok": {"BOOL": true}, "m": {"M": {"a": {"S": "x"}, "l": {"L": [{"N": "1"}, {"S": "y"}]}}}}}""");
    assertEquals(json("""
        {"Item": {"objectKey": {"S": "s3://b/k"}, "n": {"N": "1.5"}, "big": {"N": "100"}, "ok": {"BOOL": true},
         "m": {"M": {"a": {"S": "x"}, "l": {"L": [{"N": "1"}, {"S": "y"}]}}}}}"""),
        call("GetItem", "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"S\": \"s3://b/k\"}}, \"ConsistentRead\": true}"));
    assertEquals(json("{}"), call("GetItem", "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"S\": \"s3://b/none\"}}}"));
  }

  @Test
  void aProjectionReadsOnlyTheNamedPaths() {
    call("PutItem", """
        {"TableName": "$Q", "Item": {"objectKey": {"S": "k"}, "a": {"S": "x"}, "b": {"N": "2"},
         "m": {"M": {"c": {"N": "3"}, "d": {"N": "4"}}}, "l": {"L": [{"S": "p"}, {"S": "q"}, {"S": "r"}]}}}""");
    assertEquals(json("{\"Item\": {\"a\": {\"S\": \"x\"}, \"m\": {\"M\": {\"d\": {\"N\": \"4\"}}}, \"l\": {\"L\": [{\"S\": \"r\"}]}}}"),
        call("GetItem", """
            {"TableName": "$Q", "Key": {"objectKey": {"S": "k"}}, "ProjectionExpression": "a, #m.d, l[2]",
             "ExpressionAttributeNames": {"#m": "m"}}"""));
  }

  @Test
  void aConditionalPutThatFailsChangesNothingAndNamesConditionalCheckFailedException() {
    String put = """
        {"TableName": "$Q", "Item": {"objectKey": {"S": "k"}, "v": {"S": "%s"}},
         "ConditionExpression": "attribute_not_exists(#k)", "ExpressionAttributeNames": {"#k": "objectKey"}}""";
    call("PutItem", put.formatted("first"));
    assertEquals(DynamoDbError.CONDITIONAL_CHECK_FAILED, error("PutItem", put.formatted("second")).name());
    assertEquals("first", get("$Q", "{\"objectKey\": {\"S\": \"k\"}}").path("v").path("S").asText());
  }

  @Test
  void putReturnsTheOldItemWhenAskedAndNothingOtherwise() {
    String put = "{\"TableName\": \"$Q\", \"Item\": {\"objectKey\": {\"S\": \"k\"}, \"v\": {\"N\": \"%d\"}}%s}";
    assertEquals(json("{}"), call("PutItem", put.formatted(1, ", \"ReturnValues\": \"ALL_OLD\"")));
    assertEquals(json("{\"Attributes\": {\"objectKey\": {\"S\": \"k\"}, \"v\": {\"N\": \"1\"}}}"),
        call("PutItem", put.formatted(2, ", \"ReturnValues\": \"ALL_OLD\"")));
    assertEquals(json("{}"), call("PutItem", put.formatted(3, "")));
    assertEquals(DynamoDbError.VALIDATION, error("PutItem", put.formatted(4, ", \"ReturnValues\": \"ALL_NEW\"")).name());
  }

  @Test
  void theIntakeLaneCountCreatesTheRecordThenAddsToIt() {
    String count = """
        {"TableName": "$L", "Key": {"registry": {"S": "lanes"}, "name": {"S": "lane#b#t-d"}},
         "UpdateExpression": "SET #lane = :lane, #since = if_not_exists(#since, :now), #holders = if_not_exists(#holders, :none) ADD #seq :one, #q :one",
         "ExpressionAttributeNames": {"#lane": "lane", "#since": "queuedSince", "#holders": "holders", "#seq": "seq", "#q": "q2"},
         "ExpressionAttributeValues": {":lane": {"S": "b#t-d"}, ":now": {"N": "%d"}, ":none": {"M": {}}, ":one": {"N": "1"}},
         "ReturnValues": "ALL_NEW"}""";
    call("UpdateItem", count.formatted(100));
    assertEquals(json("""
        {"Attributes": {"registry": {"S": "lanes"}, "name": {"S": "lane#b#t-d"}, "lane": {"S": "b#t-d"},
         "queuedSince": {"N": "100"}, "holders": {"M": {}}, "seq": {"N": "2"}, "q2": {"N": "2"}}}"""),
        call("UpdateItem", count.formatted(200)), "if_not_exists keeps the first time; ADD counts from 0");
  }

  @Test
  void setArithmeticListAppendAndRemoveReadTheItemAsItWas() {
    call("PutItem", """
        {"TableName": "$Q", "Item": {"objectKey": {"S": "k"}, "a": {"N": "5"}, "b": {"N": "2"},
         "l": {"L": [{"S": "x"}, {"S": "y"}, {"S": "z"}]}, "m": {"M": {"gone": {"S": "g"}, "kept": {"S": "k"}}}, "old": {"S": "o"}}}""");
    JsonNode answer = call("UpdateItem", """
        {"TableName": "$Q", "Key": {"objectKey": {"S": "k"}},
         "UpdateExpression": "SET a = a + b, b = a - :one, l = list_append(l, :more), m.added = :one REMOVE #old, m.gone", "ExpressionAttributeNames": {"#old": "old"},
         "ExpressionAttributeValues": {":one": {"N": "1"}, ":more": {"L": [{"S": "w"}]}}, "ReturnValues": "ALL_NEW"}""");
    assertEquals(json("""
        {"Attributes": {"objectKey": {"S": "k"}, "a": {"N": "7"}, "b": {"N": "4"},
         "l": {"L": [{"S": "x"}, {"S": "y"}, {"S": "z"}, {"S": "w"}]}, "m": {"M": {"kept": {"S": "k"}, "added": {"N": "1"}}}}}"""),
        answer);
    call("UpdateItem", """
        {"TableName": "$Q", "Key": {"objectKey": {"S": "k"}}, "UpdateExpression": "REMOVE l[0], l[2] SET l[1] = :y2",
         "ExpressionAttributeValues": {":y2": {"S": "Y"}}}""");
    // in the order written: [x, y, z, w] less [0] is [y, z, w], less [2] is [y, z], then [1] is set
    assertEquals(json("[{\"S\": \"y\"}, {\"S\": \"Y\"}]"), get("$Q", "{\"objectKey\": {\"S\": \"k\"}}").path("l").path("L"));
  }

  @Test
  void updatedOldAndUpdatedNewReturnOnlyTheUpdatedAttributes() {
    call("PutItem", "{\"TableName\": \"$Q\", \"Item\": {\"objectKey\": {\"S\": \"k\"}, \"a\": {\"N\": \"1\"}, \"b\": {\"S\": \"x\"}, \"c\": {\"S\": \"c\"}}}");
    String update = """
        {"TableName": "$Q", "Key": {"objectKey": {"S": "k"}}, "UpdateExpression": "SET a = a + :one REMOVE c ADD d :one",
         "ExpressionAttributeValues": {":one": {"N": "1"}}, "ReturnValues": "%s"}""";
    assertEquals(json("{\"Attributes\": {\"a\": {\"N\": \"1\"}, \"c\": {\"S\": \"c\"}}}"), call("UpdateItem", update.formatted("UPDATED_OLD")));
    assertEquals(json("{\"Attributes\": {\"a\": {\"N\": \"3\"}, \"d\": {\"N\": \"2\"}}}"), call("UpdateItem", update.formatted("UPDATED_NEW")));
    JsonNode before = get("$Q", "{\"objectKey\": {\"S\": \"k\"}}");
    assertEquals(json("{\"Attributes\": " + before + "}"), call("UpdateItem", update.formatted("ALL_OLD")));
  }

  @Test
  void anUpdateWithoutExpressionCreatesTheItemWithItsKeyAlone() {
    call("UpdateItem", "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"S\": \"k\"}}}");
    assertEquals(json("{\"objectKey\": {\"S\": \"k\"}}"), get("$Q", "{\"objectKey\": {\"S\": \"k\"}}"));
  }

  @Test
  void conditionsFollowDynamoDbsOperatorsFunctionsAndPrecedence() {
    call("PutItem", """
        {"TableName": "$Q", "Item": {"objectKey": {"S": "k"}, "status": {"S": "DONE"}, "n": {"N": "5"}, "s": {"S": "abcdef"},
         "l": {"L": [{"S": "x"}, {"N": "2"}]}, "m": {"M": {"deep": {"N": "1"}}}, "f": {"BOOL": false}}}""");
    List<Object[]> cases = List.of(
        new Object[] {"#status = :done", true},
        new Object[] {"#status <> :done", false},
        new Object[] {"#missing <> :done", true},
        new Object[] {"#missing = :done", false},
        new Object[] {"n <> :done", true},
        new Object[] {"n < :ten AND n >= :five", true},
        new Object[] {"n > :ten OR NOT n > :ten", true},
        new Object[] {"n > :ten OR n = :five AND #missing = :done", false},
        new Object[] {"(n > :ten OR n = :five) AND attribute_not_exists(#missing)", true},
        new Object[] {"n BETWEEN :five AND :ten", true},
        new Object[] {"s BETWEEN :five AND :ten", false},
        new Object[] {"n IN (:one, :five)", true},
        new Object[] {"#status IN (:one, :five)", false},
        new Object[] {"begins_with(s, :abc)", true},
        new Object[] {"begins_with(n, :abc)", false},
        new Object[] {"contains(s, :cde)", true},
        new Object[] {"contains(l, :x)", true},
        new Object[] {"contains(l, :two)", true},
        new Object[] {"contains(l, :cde)", false},
        new Object[] {"size(s) = :six", true},
        new Object[] {"size(l) < :five", true},
        new Object[] {"size(m) = :one", true},
        new Object[] {"attribute_type(m, :typeM)", true},
        new Object[] {"attribute_type(n, :typeM)", false},
        new Object[] {"attribute_exists(m.deep) AND m.deep = :one", true},
        new Object[] {"attribute_exists(m.absent)", false},
        new Object[] {"l[1] = :two", true},
        new Object[] {"f = :false", true},
        new Object[] {"s > #status", true});
    for (Object[] c : cases) {
      String condition = (String) c[0];
      StringBuilder names = new StringBuilder();
      for (String name : List.of("status", "missing")) {
        if (condition.contains("#" + name)) {
          names.append(names.length() == 0 ? "" : ", ").append("\"#").append(name).append("\": \"").append(name).append('"');
        }
      }
      StringBuilder values = new StringBuilder();
      String[][] all = {{":done", "{\"S\": \"DONE\"}"}, {":ten", "{\"N\": \"10\"}"}, {":five", "{\"N\": \"5\"}"},
          {":one", "{\"N\": \"1\"}"}, {":abc", "{\"S\": \"abc\"}"}, {":cde", "{\"S\": \"cde\"}"}, {":x", "{\"S\": \"x\"}"},
          {":two", "{\"N\": \"2\"}"}, {":six", "{\"N\": \"6\"}"}, {":typeM", "{\"S\": \"M\"}"}, {":false", "{\"BOOL\": false}"}};
      for (String[] value : all) {
        if (condition.matches(".*" + value[0] + "\\b.*")) {
          values.append(values.length() == 0 ? "" : ", ").append('"').append(value[0]).append("\": ").append(value[1]);
        }
      }
      String request = "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"S\": \"k\"}}, \"ConditionExpression\": \""
          + condition + "\"" + (names.length() > 0 ? ", \"ExpressionAttributeNames\": {" + names + "}" : "")
          + (values.length() > 0 ? ", \"ExpressionAttributeValues\": {" + values + "}" : "") + "}";
      boolean held;
      try {
        call("UpdateItem", request);
        held = true;
      } catch (DynamoDbError e) {
        assertEquals(DynamoDbError.CONDITIONAL_CHECK_FAILED, e.name(), condition + ": " + e.getMessage());
        held = false;
      }
      assertEquals(c[1], held, condition);
    }
  }

  @Test
  void theIntakesQueueConditionQueuesANewObjectOrANewVersionOfADoneOneOnly() {
    String queue = """
        {"TableName": "$Q", "Item": {"objectKey": {"S": "k"}, "status": {"S": "%s"}, "version": {"S": "%s"}},
         "ConditionExpression": "attribute_not_exists(#objectKey) OR (#status = :done AND (attribute_not_exists(#version) OR #version <> :version))",
         "ExpressionAttributeNames": {"#objectKey": "objectKey", "#status": "status", "#version": "version"},
         "ExpressionAttributeValues": {":done": {"S": "DONE"}, ":version": {"S": "%s"}}}""";
    call("PutItem", queue.formatted("QUEUED", "v1", "v1"));
    assertEquals(DynamoDbError.CONDITIONAL_CHECK_FAILED, error("PutItem", queue.formatted("QUEUED", "v1", "v1")).name());
    assertEquals(DynamoDbError.CONDITIONAL_CHECK_FAILED, error("PutItem", queue.formatted("QUEUED", "v2", "v2")).name(),
        "a queued object is not queued again, whatever its version");
    call("PutItem", "{\"TableName\": \"$Q\", \"Item\": {\"objectKey\": {\"S\": \"k\"}, \"status\": {\"S\": \"DONE\"}, \"version\": {\"S\": \"v1\"}}}");
    assertEquals(DynamoDbError.CONDITIONAL_CHECK_FAILED, error("PutItem", queue.formatted("QUEUED", "v1", "v1")).name());
    call("PutItem", queue.formatted("QUEUED", "v2", "v2"));
    assertEquals("v2", get("$Q", "{\"objectKey\": {\"S\": \"k\"}}").path("version").path("S").asText());
  }

  @Test
  void aConditionalDeleteRemovesTheItemOnlyWhenItHolds() {
    call("PutItem", "{\"TableName\": \"$Q\", \"Item\": {\"objectKey\": {\"S\": \"k\"}, \"n\": {\"N\": \"1\"}}}");
    String delete = """
        {"TableName": "$Q", "Key": {"objectKey": {"S": "k"}}, "ConditionExpression": "n = :n",
         "ExpressionAttributeValues": {":n": {"N": "%d"}}, "ReturnValues": "ALL_OLD"}""";
    assertEquals(DynamoDbError.CONDITIONAL_CHECK_FAILED, error("DeleteItem", delete.formatted(2)).name());
    assertEquals(json("{\"Attributes\": {\"objectKey\": {\"S\": \"k\"}, \"n\": {\"N\": \"1\"}}}"), call("DeleteItem", delete.formatted(1)));
    assertEquals(json("{}"), call("GetItem", "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"S\": \"k\"}}}"));
  }

  @Test
  void requestsDynamoDbRefusesAreValidationExceptionsThatWriteNothing() {
    call("PutItem", "{\"TableName\": \"$Q\", \"Item\": {\"objectKey\": {\"S\": \"k\"}, \"s\": {\"S\": \"x\"}}}");
    List<String[]> refused = List.of(
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET #a = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = :v\", \"ExpressionAttributeValues\": {\":w\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}, \":unused\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = :v\", \"ExpressionAttributeNames\": {\"#unused\": \"x\"}, \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET status = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"ConditionExpression\": \"attribute_exists(Name)\""},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET objectKey = :v\", \"ExpressionAttributeValues\": {\":v\": {\"S\": \"other\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = nothere + :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"ADD s :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = :v, a = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET nothere.deep = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"REMOVE nothere.deep\""},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = :v SET b = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"ConditionExpression\": \"size(s)\""},
        new String[] {"UpdateItem", "\"ConditionExpression\": \"attribute_exists(:v)\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"1\"}}"},
        new String[] {"UpdateItem", "\"ConditionExpression\": \"nofunction(s)\""},
        new String[] {"UpdateItem", "\"ConditionExpression\": \"attribute_type(s, :t)\", \"ExpressionAttributeValues\": {\":t\": {\"S\": \"STRING\"}}"},
        new String[] {"UpdateItem", "\"ConditionExpression\": \"s = :v\", \"ExpressionAttributeValues\": {}, \"UpdateExpression\": \"REMOVE s\""},
        new String[] {"UpdateItem", "\"UpdateExpression\": \"SET a = :v\", \"ExpressionAttributeValues\": {\":v\": {\"N\": \"one\"}}"});
    for (String[] request : refused) {
      String text = "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"S\": \"k\"}}, " + request[1] + "}";
      assertEquals(DynamoDbError.VALIDATION, error(request[0], text).name(), request[1]);
    }
    assertEquals(json("{\"objectKey\": {\"S\": \"k\"}, \"s\": {\"S\": \"x\"}}"), get("$Q", "{\"objectKey\": {\"S\": \"k\"}}"));
  }

  @Test
  void keysMustMatchTheTablesSchemaAndTablesMustExist() {
    assertEquals(DynamoDbError.VALIDATION, error("GetItem", "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"N\": \"1\"}}}").name());
    assertEquals(DynamoDbError.VALIDATION, error("GetItem", "{\"TableName\": \"$L\", \"Key\": {\"registry\": {\"S\": \"lanes\"}}}").name());
    assertEquals(DynamoDbError.VALIDATION, error("GetItem",
        "{\"TableName\": \"$Q\", \"Key\": {\"objectKey\": {\"S\": \"k\"}, \"extra\": {\"S\": \"x\"}}}").name());
    assertEquals(DynamoDbError.VALIDATION, error("PutItem", "{\"TableName\": \"$Q\", \"Item\": {\"extra\": {\"S\": \"x\"}}}").name());
    assertEquals(DynamoDbError.VALIDATION, error("PutItem", "{\"TableName\": \"$Q\", \"Item\": {\"objectKey\": {\"N\": \"1\"}}}").name());
    assertEquals(DynamoDbError.RESOURCE_NOT_FOUND, error("GetItem",
        "{\"TableName\": \"no-such-table\", \"Key\": {\"objectKey\": {\"S\": \"k\"}}}").name());
  }

  private JsonNode call(String operation, String request) {
    return api.call(operation, json(request.replace("$Q", api.tableName(Table.QUEUE))
        .replace("$L", api.tableName(Table.LANES)).replace("$R", api.tableName(Table.INTAKE_REJECTS))));
  }

  private DynamoDbError error(String operation, String request) {
    return assertThrows(DynamoDbError.class, () -> call(operation, request), request);
  }

  private JsonNode get(String table, String key) {
    JsonNode answer = call("GetItem", "{\"TableName\": \"" + table + "\", \"Key\": " + key + ", \"ConsistentRead\": true}");
    assertTrue(answer.has("Item"), "no item at " + key);
    assertFalse(answer.path("Item").isMissingNode());
    return answer.path("Item");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
