package io.datalakewlm.workers.store.dynamodb;

import io.datalakewlm.workers.store.Condition;
import io.datalakewlm.workers.store.IndexDefinition;
import io.datalakewlm.workers.store.Item;
import io.datalakewlm.workers.store.Key;
import io.datalakewlm.workers.store.KeyAttribute;
import io.datalakewlm.workers.store.Page;
import io.datalakewlm.workers.store.Query;
import io.datalakewlm.workers.store.Store;
import io.datalakewlm.workers.store.StoreException;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.TableDefinition;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The store on DynamoDB (AWS, dynalite, LocalStack) through the AWS SDK v2: GetItem with
 * consistent reads, conditional PutItem/UpdateItem/DeleteItem, and Query. Table names are
 * {@code <base>-<environment>}. A failed condition is an answer, a DynamoDB validation error
 * is a programming error ({@link IllegalArgumentException}), anything else is a
 * {@link StoreException}.
 */
public final class DynamoDbStore implements Store {

  private final DynamoDbClient client;
  private final TableDefinitions definitions;
  private final String environment;
  private final boolean ownsClient;

  /**
   * @param ownsClient whether {@link #close()} closes the client
   */
  public DynamoDbStore(DynamoDbClient client, TableDefinitions definitions, String environment, boolean ownsClient) {
    this.client = Objects.requireNonNull(client);
    this.definitions = Objects.requireNonNull(definitions);
    this.environment = Objects.requireNonNull(environment);
    this.ownsClient = ownsClient;
  }

  public String environment() {
    return environment;
  }

  /** Creates every table of the template that does not exist yet, and waits until they are active. */
  public void createTables() {
    for (TableDefinition definition : definitions.all()) {
      String name = definition.table().physicalName(environment);
      try {
        client.createTable(createRequest(definition, name));
      } catch (ResourceInUseException alreadyThere) {
        // created before: nothing to do
      } catch (SdkException e) {
        throw new StoreException("cannot create table " + name + ": " + e.getMessage(), e);
      }
    }
    for (TableDefinition definition : definitions.all()) {
      awaitActive(definition.table().physicalName(environment));
    }
  }

  @Override
  public Optional<Item> get(Table table, Key key) {
    Map<String, AttributeValue> found = call(table, () -> client.getItem(b -> b
        .tableName(name(table)).key(AttributeValues.toAttributes(key.values())).consistentRead(true)).item());
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(AttributeValues.toItem(found));
  }

  @Override
  public boolean put(Table table, Item item, Condition condition) {
    Expressions e = new Expressions();
    String expression = e.condition(condition);
    try {
      call(table, () -> client.putItem(b -> b.tableName(name(table))
          .item(AttributeValues.toAttributes(item.attributes()))
          .conditionExpression(expression)
          .expressionAttributeNames(e.names())
          .expressionAttributeValues(e.values())));
      return true;
    } catch (ConditionFailed failed) {
      return false;
    }
  }

  @Override
  public Optional<Item> update(Table table, Key key, Update update, Condition condition) {
    Expressions e = new Expressions();
    String updateExpression = e.update(update);
    String conditionExpression = e.condition(condition);
    try {
      UpdateItemResponse response = call(table, () -> client.updateItem(b -> b.tableName(name(table))
          .key(AttributeValues.toAttributes(key.values()))
          .updateExpression(updateExpression)
          .conditionExpression(conditionExpression)
          .expressionAttributeNames(e.names())
          .expressionAttributeValues(e.values())
          .returnValues(ReturnValue.ALL_NEW)));
      return Optional.of(AttributeValues.toItem(response.attributes()));
    } catch (ConditionFailed failed) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(Table table, Key key, Condition condition) {
    Expressions e = new Expressions();
    String expression = e.condition(condition);
    try {
      call(table, () -> client.deleteItem(b -> b.tableName(name(table))
          .key(AttributeValues.toAttributes(key.values()))
          .conditionExpression(expression)
          .expressionAttributeNames(e.names())
          .expressionAttributeValues(e.values())));
      return true;
    } catch (ConditionFailed failed) {
      return false;
    }
  }

  @Override
  public Page query(Query query) {
    TableDefinition definition = definitions.get(query.table());
    KeyAttribute partition = definition.partition();
    KeyAttribute sort = definition.sort();
    if (query.index() != null) {
      IndexDefinition index = definition.index(query.index());
      partition = index.partition();
      sort = index.sort();
    }
    Expressions e = new Expressions();
    String keyCondition = e.keyCondition(partition.name(), query.partitionValue(),
        sort == null ? null : sort.name(), query.sort());
    QueryRequest.Builder request = QueryRequest.builder()
        .tableName(name(query.table()))
        .indexName(query.index())
        .keyConditionExpression(keyCondition)
        .expressionAttributeNames(e.names())
        .expressionAttributeValues(e.values())
        .scanIndexForward(query.ascending())
        .limit(query.limit())
        .consistentRead(query.index() == null);
    if (query.startAfter() != null) {
      request.exclusiveStartKey(AttributeValues.toAttributes(query.startAfter().values()));
    }
    QueryResponse response = call(query.table(), () -> client.query(request.build()));
    List<Item> items = new ArrayList<>();
    response.items().forEach(i -> items.add(AttributeValues.toItem(i)));
    Key last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
        ? AttributeValues.toKey(response.lastEvaluatedKey()) : null;
    return new Page(items, last);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private String name(Table table) {
    return table.physicalName(environment);
  }

  // Runs one request, translating the SDK's exceptions into the store's vocabulary.
  private <T> T call(Table table, Supplier<T> request) {
    try {
      return request.get();
    } catch (ConditionalCheckFailedException e) {
      throw new ConditionFailed();
    } catch (ResourceNotFoundException e) {
      throw new StoreException("table " + name(table) + " does not exist (create the tables first): "
          + e.awsErrorDetails().errorMessage(), e);
    } catch (DynamoDbException e) {
      if (e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode())) {
        throw new IllegalArgumentException(name(table) + ": " + e.awsErrorDetails().errorMessage(), e);
      }
      throw new StoreException(name(table) + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new StoreException(name(table) + ": " + e.getMessage(), e);
    }
  }

  // The CreateTable request for one definition, on-demand billing like the template.
  private static CreateTableRequest createRequest(TableDefinition definition, String name) {
    Map<String, KeyAttribute> attributes = new java.util.LinkedHashMap<>();
    attributes.put(definition.partition().name(), definition.partition());
    if (definition.sort() != null) {
      attributes.put(definition.sort().name(), definition.sort());
    }
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (IndexDefinition index : definition.indexes()) {
      attributes.put(index.partition().name(), index.partition());
      if (index.sort() != null) {
        attributes.put(index.sort().name(), index.sort());
      }
      indexes.add(GlobalSecondaryIndex.builder()
          .indexName(index.name())
          .keySchema(keySchema(index.partition(), index.sort()))
          .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
          .build());
    }
    List<AttributeDefinition> definitions = new ArrayList<>();
    attributes.values().forEach(a -> definitions.add(AttributeDefinition.builder()
        .attributeName(a.name()).attributeType(ScalarAttributeType.fromValue(a.type())).build()));
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(definitions)
        .keySchema(keySchema(definition.partition(), definition.sort()));
    if (!indexes.isEmpty()) {
      request.globalSecondaryIndexes(indexes);
    }
    return request.build();
  }

  private static List<KeySchemaElement> keySchema(KeyAttribute hash, KeyAttribute range) {
    List<KeySchemaElement> schema = new ArrayList<>();
    schema.add(KeySchemaElement.builder().attributeName(hash.name()).keyType(KeyType.HASH).build());
    if (range != null) {
      schema.add(KeySchemaElement.builder().attributeName(range.name()).keyType(KeyType.RANGE).build());
    }
    return schema;
  }

  // Polls DescribeTable until the table is ACTIVE (immediate on dynalite started with createTableMs 0).
  private void awaitActive(String name) {
    for (int attempt = 0; attempt < 600; attempt++) {
      TableStatus status = client.describeTable(b -> b.tableName(name)).table().tableStatus();
      if (status == TableStatus.ACTIVE) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for table " + name, e);
      }
    }
    throw new StoreException("table " + name + " did not become ACTIVE within 60 s", null);
  }

  /** Internal signal of a failed condition; never leaves this class. */
  private static final class ConditionFailed extends RuntimeException {
    ConditionFailed() {
      super(null, null, false, false);
    }
  }
}
