package io.datalakewlm.workers.store.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.TableDefinitions;
import io.datalakewlm.workers.store.dynamodb.DynamoDbStore;
import io.datalakewlm.workers.testing.DynaliteFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** The contract against dynalite, DynamoDB's JSON protocol over HTTP: the reference the twin is held to. */
class DynaliteApiTest extends DynamoDbApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger ENVIRONMENTS = new AtomicInteger();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Override
  protected DynamoDbApi newApi() {
    String environment = "api" + ENVIRONMENTS.incrementAndGet();
    DynamoDbStore tables = new DynamoDbStore(DynaliteFixture.client(), TableDefinitions.fromClasspath(), environment, false);
    tables.createTables();
    URI endpoint = DynaliteFixture.endpoint();
    return new DynamoDbApi() {
      @Override
      public JsonNode call(String operation, JsonNode request) {
        HttpRequest http = HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "DynamoDB_20120810." + operation)
            .header("X-Amz-Date", "20240101T000000Z")
            .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(request.toString(), StandardCharsets.UTF_8)).build();
        try {
          HttpResponse<String> response = HTTP.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
          JsonNode body = JSON.readTree(response.body().isBlank() ? "{}" : response.body());
          if (response.statusCode() / 100 != 2) {
            String type = body.path("__type").asText();
            throw new DynamoDbError(type.substring(type.lastIndexOf('#') + 1),
                body.has("message") ? body.path("message").asText() : body.path("Message").asText());
          }
          return body;
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }

      @Override
      public String tableName(Table table) {
        return table.physicalName(environment);
      }
    };
  }
}
