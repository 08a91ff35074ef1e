package io.datalakewlm.local.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalakewlm.asl.exec.MapRun;
import io.datalakewlm.local.protocol.ErrorCode;
import io.datalakewlm.local.protocol.Operation;
import io.datalakewlm.local.protocol.Request;
import java.util.List;
import java.util.Map;

/**
 * The Map Run actions of Distributed Map states: DescribeMapRun, ListMapRuns (the runs an
 * execution started, newest first, paged like ListExecutions) and UpdateMapRun.
 *
 * <p>UpdateMapRun changes a RUNNING run at once: a higher {@code maxConcurrency} starts more
 * children, a lower one lets the running children finish and starts no new one until fewer run
 * (0 means the runtime's ceiling of 10,000); new failure thresholds apply to the failures so far,
 * so lowering them below what already failed fails the run. Updating a run that has ended is a
 * {@code ValidationException} (assumption: AWS documents no error for it), as is an update that
 * names no setting. The counts never include results written (ResultWriter is not offered). A
 * redrive of the parent redrives the Map Run: DescribeMapRun shows its {@code redriveCount},
 * {@code redriveDate}, the children whose failure stands ({@code failuresNotRedrivable}) and those
 * waiting for a slot to be redriven ({@code pendingRedrive}).
 */
final class MapRunOperations {
  private final Account account;

  MapRunOperations(Account account) {
    this.account = account;
  }

  void register(Map<String, Operation> operations) {
    operations.put("DescribeMapRun", this::describe);
    operations.put("ListMapRuns", this::list);
    operations.put("UpdateMapRun", this::update);
  }

  // DescribeMapRun: settings, progress and dates.
  private JsonNode describe(Request request) {
    String arn = request.requiredString("mapRunArn", 1, 2000);
    request.validate();
    return account.loop.call(() -> {
      MapRun run = account.mapRun(arn);
      ObjectNode response = account.empty();
      response.put("mapRunArn", run.arn());
      response.put("executionArn", run.executionArn());
      response.put("status", run.status().name());
      response.put("startDate", Account.epochSeconds(run.startDate().toEpochMilli()));
      if (run.stopDate() != null) {
        response.put("stopDate", Account.epochSeconds(run.stopDate().toEpochMilli()));
      }
      response.put("maxConcurrency", run.maxConcurrency());
      response.put("toleratedFailurePercentage",
          run.toleratedFailurePercentage() == null ? 0.0 : run.toleratedFailurePercentage());
      response.put("toleratedFailureCount", run.toleratedFailureCount() == null ? 0 : run.toleratedFailureCount());
      counts(response.putObject("itemCounts"), run.itemCounts(), run.itemRedriveCounts());
      counts(response.putObject("executionCounts"), run.executionCounts(), run.executionRedriveCounts());
      response.put("redriveCount", run.redriveCount());
      if (run.redriveDate() != null) {
        response.put("redriveDate", Account.epochSeconds(run.redriveDate().toEpochMilli()));
      }
      return response;
    });
  }

  // ListMapRuns of an execution, newest first; the key of a run is its position in start order.
  private JsonNode list(Request request) {
    String executionArn = request.requiredString("executionArn", 1, Arns.MAX_ARN);
    int maxResults = request.optionalInt("maxResults", 0, 1000, 0);
    String nextToken = request.optionalString("nextToken", 1, PageToken.MAX_LENGTH);
    request.validate();
    int limit = maxResults == 0 ? 100 : maxResults;
    long before = nextToken == null ? Long.MAX_VALUE : PageToken.decode(nextToken, "ListMapRuns", executionArn);
    return account.loop.call(() -> {
      account.execution(executionArn);
      List<MapRun> runs = account.runtime.mapRuns(executionArn);
      ObjectNode response = account.empty();
      ArrayNode items = response.putArray("mapRuns");
      for (int index = (int) Math.min(before, runs.size()) - 1; index >= 0; index--) {
        if (items.size() == limit) {
          response.put("nextToken", PageToken.encode("ListMapRuns", executionArn, index + 1));
          break;
        }
        MapRun run = runs.get(index);
        ObjectNode item = items.addObject();
        item.put("executionArn", run.executionArn());
        item.put("mapRunArn", run.arn());
        item.put("stateMachineArn", run.stateMachineArn());
        item.put("startDate", Account.epochSeconds(run.startDate().toEpochMilli()));
        if (run.stopDate() != null) {
          item.put("stopDate", Account.epochSeconds(run.stopDate().toEpochMilli()));
        }
      }
      return response;
    });
  }

  // UpdateMapRun: new concurrency and failure thresholds for a running map run.
  private JsonNode update(Request request) {
    String arn = request.requiredString("mapRunArn", 1, 2000);
    Long maxConcurrency = request.optionalLong("maxConcurrency", 0, Integer.MAX_VALUE);
    Long toleratedCount = request.optionalLong("toleratedFailureCount", 0, Long.MAX_VALUE);
    Double toleratedPercentage = request.optionalFloat("toleratedFailurePercentage", 0, 100);
    request.validate();
    if (maxConcurrency == null && toleratedCount == null && toleratedPercentage == null) {
      throw ErrorCode.VALIDATION.exception("UpdateMapRun needs at least one of maxConcurrency, toleratedFailureCount "
          + "or toleratedFailurePercentage");
    }
    return account.loop.call(() -> {
      MapRun run = account.mapRun(arn);
      MapRun.Update update = new MapRun.Update(maxConcurrency == null ? null : maxConcurrency.intValue(),
          toleratedCount, toleratedPercentage);
      if (!run.update(update)) {
        throw ErrorCode.VALIDATION.exception("Map Run '" + arn + "' is " + run.status()
            + ": only a RUNNING Map Run can be updated");
      }
      return account.empty();
    });
  }

  // The counts of a run as the API's MapRunItemCounts / MapRunExecutionCounts.
  private static void counts(ObjectNode node, MapRun.Counts counts, MapRun.RedriveCounts redrives) {
    node.put("pending", counts.pending());
    node.put("running", counts.running());
    node.put("succeeded", counts.succeeded());
    node.put("failed", counts.failed());
    node.put("timedOut", counts.timedOut());
    node.put("aborted", counts.aborted());
    node.put("total", counts.total());
    node.put("resultsWritten", 0);
    node.put("failuresNotRedrivable", redrives.failuresNotRedrivable());
    node.put("pendingRedrive", redrives.pendingRedrive());
  }
}
