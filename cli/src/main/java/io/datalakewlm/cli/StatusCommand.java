package io.datalakewlm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.workers.Workers;
import io.datalakewlm.workers.queue.QueueOverview;
import io.datalakewlm.workers.semaphore.SemaphoreState;
import io.datalakewlm.workers.store.StoreException;
import io.datalakewlm.workers.store.Table;
import io.datalakewlm.workers.store.dynamodb.DynamoDbConnection;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code wlm status}: what waits and what runs. Queue depth and oldest wait per stage, priority
 * and source (from the lane registry, no table scan), the number of dead letters (through the
 * lane index, no scan), each source's batches in flight against its cap, and every semaphore's
 * holders with their lease expiry.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show queue depth per priority and source, dead letters, batches in flight and slots held.",
      "The queue: items and oldest wait per stage, priority and source (read through the lane registry,",
      "no table scan); each source's batches in flight and cap; each semaphore's holders and lease expiry.",
      "Exit 0 when it ran, 1 when DynamoDB fails (no credentials, unreachable, access denied, throttled), 2 for bad options."
    })
final class StatusCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin DynamoDbOptions dynamo;

  @Option(names = "--json", description = "Print one JSON object instead of tables.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (DynamoDbConnection connection = dynamo.open()) {
      Workers workers = DynamoDbOptions.workers(connection);
      QueueOverview queue = QueueOverview.read(workers.queue(), workers.priorities());
      int deadLettered = workers.queue().deadLetters().count();
      Map<String, SemaphoreState> slots = new LinkedHashMap<>();
      for (String resource : workers.semaphores().resources()) {
        workers.semaphores().state(resource).ifPresent(s -> slots.put(resource, s));
      }
      Instant now = workers.clock().instant();
      if (json) {
        out.println(toJson(queue, deadLettered, slots, now));
      } else {
        printText(out, queue, deadLettered, slots, now);
      }
      return 0;
    } catch (DynamoDbOptions.InvalidOptionException e) {
      err.println("wlm status: " + e.getMessage());
      return Wlm.INVALID_INPUT;
    } catch (StoreException | IllegalStateException | UncheckedIOException | SdkException e) {
      err.println("wlm status: " + ServiceFailure.describe(e));
      return Wlm.FAILED;
    }
  }

  // The three tables, or a line saying a section is empty.
  private void printText(PrintWriter out, QueueOverview queue, int deadLettered, Map<String, SemaphoreState> slots,
                         Instant now) {
    out.println("Queue " + Table.QUEUE.physicalName(dynamo.environment) + ": " + queue.queued() + " item(s) waiting");
    TextTable lanes = new TextTable("STAGE", "PRIORITY", "SOURCE", "QUEUED", "OLDEST WAIT");
    for (QueueOverview.LaneDepth lane : queue.lanes()) {
      lanes.row(lane.stage(), lane.priority(), lane.source(), lane.queued(),
          TextTable.human(Duration.between(lane.oldestEnqueuedAt(), now)));
    }
    if (!lanes.isEmpty()) {
      lanes.print(out, "  ");
    }
    out.println("Dead letters: " + (deadLettered == 0 ? "none" : deadLettered + " item(s) (wlm dead-letters list)"));
    out.println("Batches in flight per source:" + (queue.sources().isEmpty() ? " none" : ""));
    TextTable sources = new TextTable("SOURCE", "IN FLIGHT", "CAP", "BATCHES (LEASE EXPIRES IN)");
    for (QueueOverview.SourceLoad s : queue.sources()) {
      StringBuilder batches = new StringBuilder();
      new TreeMap<>(s.batches()).forEach((batch, expiry) -> batches.append(batches.isEmpty() ? "" : ", ")
          .append(batchOf(batch)).append(" (").append(TextTable.human(Duration.between(now, expiry))).append(')'));
      sources.row(s.source(), s.inFlight(), s.cap() == 0 ? "none" : s.cap(), batches);
    }
    if (!sources.isEmpty()) {
      sources.print(out, "  ");
    }
    out.println("Job runs per dataset:" + (queue.jobs().isEmpty() ? " none" : ""));
    TextTable jobs = new TextTable("STAGE", "DATASET", "RUNNING", "BATCHES");
    for (QueueOverview.JobLoad job : queue.jobs()) {
      jobs.row(job.stage(), job.dataset(), job.running(),
          String.join(", ", new TreeMap<>(job.batches()).keySet().stream().map(StatusCommand::batchOf).toList()));
    }
    if (!jobs.isEmpty()) {
      jobs.print(out, "  ");
    }
    out.println("Slots per resource:" + (slots.isEmpty() ? " no semaphore defined" : ""));
    TextTable held = new TextTable("RESOURCE", "HELD", "LIMIT", "HOLDER", "LEASE EXPIRES");
    slots.forEach((resource, s) -> {
      if (s.holders().isEmpty()) {
        held.row(resource, s.count(), s.limit(), "-", "-");
      }
      new TreeMap<>(s.holders()).forEach((holder, expiry) -> held.row(resource, s.count(), s.limit(), holder,
          expiry + (expiry.isAfter(now) ? " (in " + TextTable.human(Duration.between(now, expiry)) + ")"
              : " (expired: the next reap reclaims it)")));
    });
    if (!held.isEmpty()) {
      held.print(out, "  ");
    }
  }

  private ObjectNode toJson(QueueOverview queue, int deadLettered, Map<String, SemaphoreState> slots,
                            Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("environment", dynamo.environment);
    root.put("at", now.toString());
    root.put("queued", queue.queued());
    root.put("deadLettered", deadLettered);
    ArrayNode lanes = root.putArray("queue");
    for (QueueOverview.LaneDepth lane : queue.lanes()) {
      lanes.addObject().put("stage", lane.stage()).put("priority", lane.priority()).put("source", lane.source())
          .put("queued", lane.queued()).put("oldestEnqueuedAt", lane.oldestEnqueuedAt().toString())
          .put("oldestWaitSeconds", Math.max(0, Duration.between(lane.oldestEnqueuedAt(), now).getSeconds()));
    }
    ArrayNode sources = root.putArray("sources");
    for (QueueOverview.SourceLoad s : queue.sources()) {
      ObjectNode source = sources.addObject().put("source", s.source()).put("inFlight", s.inFlight())
          .put("maxInFlight", s.cap());
      ArrayNode batches = source.putArray("batches");
      new TreeMap<>(s.batches()).forEach((batch, expiry) -> batches.addObject().put("batchId", batchOf(batch))
          .put("holderId", batch).put("leaseExpiresAt", expiry.toString()));
    }
    ArrayNode jobs = root.putArray("jobs");
    for (QueueOverview.JobLoad job : queue.jobs()) {
      ObjectNode node = jobs.addObject().put("stage", job.stage()).put("dataset", job.dataset())
          .put("running", job.running());
      ArrayNode batches = node.putArray("batches");
      new TreeMap<>(job.batches()).keySet().forEach(holder -> batches.add(batchOf(holder)));
    }
    ArrayNode resources = root.putArray("slots");
    slots.forEach((resource, s) -> {
      ObjectNode r = resources.addObject().put("resource", resource).put("count", s.count());
      if (s.limit() == null) {
        r.putNull("limit");
      } else {
        r.put("limit", s.limit());
      }
      ArrayNode holders = r.putArray("holders");
      new TreeMap<>(s.holders()).forEach((holder, expiry) -> holders.addObject().put("holderId", holder)
          .put("leaseExpiresAt", expiry.toString()).put("expired", !expiry.isAfter(now)));
    });
    return root;
  }

  // A batch is held as <execution>#<batch>; the batch id alone is what the other commands and the logs show.
  private static String batchOf(String holder) {
    return holder.substring(holder.lastIndexOf('#') + 1);
  }
}
