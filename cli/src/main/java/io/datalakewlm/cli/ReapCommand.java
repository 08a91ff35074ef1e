package io.datalakewlm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.domain.WorkItem;
import io.datalakewlm.workers.handler.ActivityException;
import io.datalakewlm.workers.handler.ErrorNames;
import io.datalakewlm.workers.handler.ReapHandler;
import io.datalakewlm.workers.queue.DatasetLane;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.store.StoreException;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code wlm reap}: runs the Reap activity by hand, as the cleanup state machine does after a
 * dispatcher execution failed: the execution's slots are released (and tombstoned against late
 * acquires) and the items its batches' holders list on the dataset lanes get an attempt counted;
 * then batches whose holder expired get the same, and expired slots are reclaimed. Without {@code --execution} only the sweep runs. It prints what was held before and
 * what the reap did.
 */
@Command(
    name = "reap",
    mixinStandardHelpOptions = true,
    description = {
      "Release what a dead execution holds, then reclaim expired leases and slots.",
      "With --execution: its slots are released (late acquires refused) and its leased items requeued;",
      "then, and without --execution, expired leases and slots are reclaimed. Idempotent.",
      "Exit 0 when it ran, 1 when DynamoDB fails (no credentials, unreachable, access denied, throttled), 2 for bad options."
    })
final class ReapCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** How an execution ended, as EventBridge reports it to the cleanup state machine. */
  enum Ending { FAILED, TIMED_OUT, ABORTED }

  @Spec CommandSpec spec;

  @Mixin DynamoDbOptions dynamo;

  @Option(names = "--execution", paramLabel = "ARN", description = "The execution ARN to reap.")
  String execution;

  @Option(names = "--status", paramLabel = "STATUS", defaultValue = "FAILED",
      description = "How it ended: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); recorded with its items.")
  Ending status;

  @Option(names = "--cause", paramLabel = "TEXT", defaultValue = "reaped by an operator (wlm reap)",
      description = "Why, recorded with the returned items.")
  String cause;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
      description = "An item returned with this many attempts spent is dead-lettered (default ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--json", description = "Print the Reap activity's output (JSON) instead of text.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DynamoDbConnection connection = dynamo.open()) {
      Workers workers = DynamoDbOptions.workers(connection);
      Instant now = workers.clock().instant();
      TextTable before = held(workers, now);
      ObjectNode input = JSON.createObjectNode().put("maxAttempts", maxAttempts);
      if (execution != null) {
        input.put("executionId", execution).put("status", status.name()).put("cause", cause);
      }
      JsonNode result = workers.handlers().handle(ReapHandler.NAME, input);
      if (json) {
        out.println(result);
        return 0;
      }
      out.println((execution == null ? "Swept expired leases and slots" : "Reaped " + execution + " (" + status + ")")
          + " on " + dynamo.where(connection) + ", environment " + dynamo.environment);
      if (!before.isEmpty()) {
        out.println("Held before:");
        before.print(out, "  ");
      }
      out.println(result.get("slotsReleased").asInt() + " slot(s) released, " + result.get("itemsReturned").asInt()
          + " item(s) returned to the queue, " + result.get("itemsDeadLettered").asInt() + " dead-lettered; "
          + result.get("expiredItemsReturned").asInt() + " expired lease(s) returned, "
          + result.get("expiredSlotsReclaimed").asInt() + " expired slot(s) reclaimed");
      return 0;
    } catch (DynamoDbOptions.InvalidOptionException e) {
      err.println("wlm reap: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (ActivityException e) {
      err.println("wlm reap: " + e.error() + ": " + e.cause());
      return ErrorNames.INVALID_INPUT.equals(e.error()) ? Wlm.INVALID_INPUT : Wlm.FAILED;
    } catch (StoreException | IllegalStateException | UncheckedIOException | SdkException e) {
      err.println("wlm reap: " + ServiceFailure.describe(e));
      return Wlm.FAILED;
    }
  }

  // What the reap is about to release: the execution's slots and items, and whatever expired.
  private TextTable held(Workers workers, Instant now) {
    TextTable table = new TextTable("WHAT", "RESOURCE OR OBJECT", "HOLDER OR BATCH", "WHY");
    for (String resource : workers.semaphores().resources()) {
      SemaphoreState state = workers.semaphores().state(resource).orElse(null);
      if (state == null) {
        continue;
      }
      for (Map.Entry<String, Instant> h : state.holders().entrySet()) {
        boolean mine = execution != null && (h.getKey().equals(execution) || h.getKey().startsWith(execution + "#"));
        if (mine || !h.getValue().isAfter(now)) {
          table.row("slot", resource, h.getKey(), mine ? "held by the execution" : "lease expired " + h.getValue());
        }
      }
    }
    for (DatasetLane lane : workers.queue().lanes().read()) {
      lane.holders().forEach((holder, h) -> {
        boolean mine = execution != null && holder.startsWith(execution + "#");
        if (mine || !h.until().isAfter(now)) {
          String why = mine ? "held by the execution" : "lease expired " + h.until();
          table.row("job slot", lane.stage() + " " + lane.datasetName(), holder, why);
          String batchId = holder.substring(holder.lastIndexOf('#') + 1);
          // the items a batch holds are listed on its holder (they stay QUEUED in the queue)
          new java.util.TreeSet<>(h.keys().keySet()).forEach(key -> table.row("item", key, batchId, why));
        }
      });
    }
    // items an older version leased one by one (see the README's upgrade note)
    List<WorkItem> items = execution == null ? List.of() : workers.queue().leasedBy(execution);
    for (WorkItem item : items) {
      table.row("item", item.objectKey(), item.lease().batchId(), "leased to the execution (older version)");
    }
    for (WorkItem item : workers.queue().expiredLeases(now, 1000)) {
      if (items.stream().noneMatch(i -> i.objectKey().equals(item.objectKey()))) {
        table.row("item", item.objectKey(), item.lease().batchId(),
            "lease expired " + item.lease().expiresAt() + " (older version)");
      }
    }
    return table;
  }
}
